import cluster from 'node:cluster';
import { Controller, Get, Header, Headers, Inject, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig, Metrics } from '@jansetu/platform';
import { scrapeClusterMetrics } from './gateway-cluster';
import { bearerMatches, metricsAccess } from './metrics-access';

@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  @Header('Cache-Control', 'no-store')
  scrape(@Headers('authorization') authorization?: string): Promise<string> {
    const access = metricsAccess(this.config);
    if (access === 'operators-port' || access === 'off') {
      throw new NotFoundException(
        'metrics are served on the operators’ port (METRICS_PORT) or with METRICS_TOKEN / मेट्रिक्स यहाँ उपलब्ध नहीं',
      );
    }
    if (access === 'token' && !bearerMatches(authorization, this.config.METRICS_TOKEN!)) {
      throw new UnauthorizedException('metrics token required / मेट्रिक्स टोकन आवश्यक है');
    }
    // One of several gateway workers: the supervisor sums all of them.
    return cluster.isWorker ? scrapeClusterMetrics() : this.metrics.scrape();
  }
}
