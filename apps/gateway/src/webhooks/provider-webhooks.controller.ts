import { Controller, Get, Inject, NotFoundException, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { ChannelRegistry, ReceiveInboundMessageCommand, ReceiveStatusReceiptCommand } from '@jansetu/channels';
import { APP_CONFIG, AppConfig, Metrics } from '@jansetu/platform';

/**
 * The providers' webhooks. Each call is verified by the provider's own scheme (signature or secret) before
 * anything is read, turned into normalised messages and receipts, queued through the outbox, and answered at once;
 * a provider's retry of a message already taken has no second effect.
 */
@ApiTags('webhooks')
@Controller('webhooks')
export class ProviderWebhooksController {
  constructor(
    private readonly channels: ChannelRegistry,
    private readonly commands: CommandBus,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('twilio/sms')
  @ApiOperation({
    summary: 'Twilio inbound SMS (X-Twilio-Signature over PUBLIC_BASE_URL + path and sorted form params)',
  })
  twilioSms(@Req() req: Request, @Res() res: Response) {
    return this.handle('twilio-sms', req, res);
  }

  @Post('twilio/whatsapp')
  @ApiOperation({ summary: 'Twilio inbound WhatsApp (X-Twilio-Signature)' })
  twilioWhatsApp(@Req() req: Request, @Res() res: Response) {
    return this.handle('twilio-whatsapp', req, res);
  }

  @Post('twilio/status')
  @ApiOperation({ summary: 'Twilio status callbacks: sent, delivered, undelivered, failed, read' })
  twilioStatus(@Req() req: Request, @Res() res: Response) {
    return this.handle('twilio-status', req, res);
  }

  @Get('whatsapp')
  @ApiOperation({ summary: 'Meta webhook verification (hub.mode, hub.verify_token, hub.challenge)' })
  metaVerify(@Req() req: Request, @Res() res: Response) {
    return this.handle('meta-whatsapp', req, res);
  }

  @Post('whatsapp')
  @ApiOperation({ summary: 'Meta WhatsApp Cloud API messages and statuses (X-Hub-Signature-256 over the raw body)' })
  meta(@Req() req: Request, @Res() res: Response) {
    return this.handle('meta-whatsapp', req, res);
  }

  @Post('telegram')
  @ApiOperation({ summary: 'Telegram Bot API updates (X-Telegram-Bot-Api-Secret-Token)' })
  telegram(@Req() req: Request, @Res() res: Response) {
    return this.handle('telegram', req, res);
  }

  @Get('dlt/sms')
  @ApiExcludeEndpoint()
  dltGet(@Req() req: Request, @Res() res: Response) {
    return this.handle('dlt-sms', req, res);
  }

  @Post('dlt/sms')
  @ApiOperation({
    summary: 'Indian DLT SMS gateway: inbound long-code/keyword messages and delivery reports (shared secret)',
  })
  dlt(@Req() req: Request, @Res() res: Response) {
    return this.handle('dlt-sms', req, res);
  }

  private async handle(route: string, req: Request & { rawBody?: Buffer }, res: Response): Promise<void> {
    const webhook = this.channels.webhook(route);
    if (!webhook) throw new NotFoundException(this.channels.whyOff(route));
    const base = this.config.PUBLIC_BASE_URL ?? `${req.protocol}://${req.headers.host ?? 'localhost'}`;
    const outcome = await webhook.handle({
      method: req.method === 'GET' ? 'GET' : 'POST',
      publicUrl: `${base.replace(/\/$/, '')}${req.originalUrl}`,
      headers: Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v[0] : v]),
      ),
      rawBody: req.rawBody ?? Buffer.alloc(0),
      query: Object.fromEntries(
        Object.entries(req.query).filter((e): e is [string, string] => typeof e[1] === 'string'),
      ),
    });
    if (!outcome.ok) {
      this.metrics.webhooks.inc({ route, status: String(outcome.status) });
      res
        .status(outcome.status)
        .json({ statusCode: outcome.status, error: 'webhook_rejected', message: outcome.reason });
      return;
    }
    for (const m of outcome.messages) {
      await this.commands.execute(
        new ReceiveInboundMessageCommand(webhook.channel, m.from, m.text, m.providerMessageId),
      );
    }
    for (const receipt of outcome.receipts) {
      await this.commands.execute(new ReceiveStatusReceiptCommand(webhook.channel, route, receipt));
    }
    this.metrics.webhooks.inc({ route, status: '200' });
    res
      .status(200)
      .type(outcome.response?.contentType ?? 'text/plain')
      .send(outcome.response?.body ?? '');
  }
}
