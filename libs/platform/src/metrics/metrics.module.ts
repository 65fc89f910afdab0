import { Global, Module } from '@nestjs/common';
import { Metrics } from './metrics';

/** One metrics registry per process, visible to every module (the bus's dead-letter path counts into it too). */
@Global()
@Module({ providers: [Metrics], exports: [Metrics] })
export class MetricsModule {}
