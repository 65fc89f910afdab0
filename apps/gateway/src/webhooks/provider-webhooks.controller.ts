import { applyDecorators, Controller, Get, NotFoundException, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Request, Response } from 'express';
import {
  DLT_SECRET_DESCRIPTION,
  DltCallbackDto,
  MetaWebhookDto,
  TelegramUpdateDto,
  TwilioInboundMessageDto,
  TwilioStatusCallbackDto,
  WebhookAnswers,
} from './webhook-bodies.dto';
import { WebhookIntake } from './webhook-intake';

const FORM = 'application/x-www-form-urlencoded';
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
const TWILIO_SIGNATURE = ApiHeader({
  name: 'X-Twilio-Signature',
  required: true,
  description: 'HMAC-SHA1 (TWILIO_AUTH_TOKEN) over PUBLIC_BASE_URL + path and the sorted form parameters, base64',
});
const TWIML_ANSWER = {
  description: 'taken (or a retry of one already taken): empty TwiML, so Twilio sends no reply of its own',
  contentType: 'text/xml',
  example: EMPTY_TWIML,
};
const EMPTY_ANSWER = { description: 'taken, or a retry of one already taken', contentType: 'text/plain', example: '' };
const DLT_SECRET = applyDecorators(
  ApiQuery({ name: 'secret', required: false, description: DLT_SECRET_DESCRIPTION }),
  ApiHeader({ name: 'X-JanSetu-Secret', required: false, description: DLT_SECRET_DESCRIPTION }),
);

/**
 * The providers' webhooks. Each call is verified by the provider's own scheme (signature or secret) before
 * anything is read, turned into normalised messages and receipts, queued through the outbox, and answered at once;
 * a provider's retry of a message already taken has no second effect.
 */
@ApiTags('webhooks')
@Controller('webhooks')
export class ProviderWebhooksController {
  constructor(private readonly intake: WebhookIntake) {}

  @Post('twilio/sms')
  @WebhookAnswers(TWIML_ANSWER)
  @ApiConsumes(FORM)
  @ApiBody({ type: TwilioInboundMessageDto })
  @TWILIO_SIGNATURE
  @ApiOperation({
    summary: 'Twilio inbound SMS (X-Twilio-Signature over PUBLIC_BASE_URL + path and sorted form params)',
  })
  twilioSms(@Req() req: Request, @Res() res: Response) {
    return this.handle('twilio-sms', req, res);
  }

  @Post('twilio/whatsapp')
  @WebhookAnswers(TWIML_ANSWER)
  @ApiConsumes(FORM)
  @ApiBody({ type: TwilioInboundMessageDto, description: 'From and To carry the "whatsapp:" prefix' })
  @TWILIO_SIGNATURE
  @ApiOperation({ summary: 'Twilio inbound WhatsApp (X-Twilio-Signature)' })
  twilioWhatsApp(@Req() req: Request, @Res() res: Response) {
    return this.handle('twilio-whatsapp', req, res);
  }

  @Post('twilio/status')
  @WebhookAnswers(EMPTY_ANSWER)
  @ApiConsumes(FORM)
  @ApiBody({ type: TwilioStatusCallbackDto })
  @TWILIO_SIGNATURE
  @ApiOperation({ summary: 'Twilio status callbacks: sent, delivered, undelivered, failed, read' })
  twilioStatus(@Req() req: Request, @Res() res: Response) {
    return this.handle('twilio-status', req, res);
  }

  @Get('whatsapp')
  @WebhookAnswers({
    description: 'hub.verify_token matched WHATSAPP_VERIFY_TOKEN: hub.challenge, echoed',
    contentType: 'text/plain',
    example: '1158201444',
  })
  @ApiQuery({ name: 'hub.mode', enum: ['subscribe'], required: true })
  @ApiQuery({ name: 'hub.verify_token', required: true, description: 'must equal WHATSAPP_VERIFY_TOKEN' })
  @ApiQuery({ name: 'hub.challenge', required: true, example: '1158201444' })
  @ApiOperation({ summary: 'Meta webhook verification (hub.mode, hub.verify_token, hub.challenge)' })
  metaVerify(@Req() req: Request, @Res() res: Response) {
    return this.handle('meta-whatsapp', req, res);
  }

  @Post('whatsapp')
  @WebhookAnswers(EMPTY_ANSWER)
  @ApiBody({ type: MetaWebhookDto })
  @ApiHeader({
    name: 'X-Hub-Signature-256',
    required: true,
    description: '"sha256=" + hex HMAC-SHA256 (WHATSAPP_APP_SECRET) of the raw body',
  })
  @ApiOperation({ summary: 'Meta WhatsApp Cloud API messages and statuses (X-Hub-Signature-256 over the raw body)' })
  meta(@Req() req: Request, @Res() res: Response) {
    return this.handle('meta-whatsapp', req, res);
  }

  @Post('telegram')
  @WebhookAnswers(EMPTY_ANSWER)
  @ApiBody({ type: TelegramUpdateDto })
  @ApiHeader({
    name: 'X-Telegram-Bot-Api-Secret-Token',
    required: true,
    description: 'TELEGRAM_WEBHOOK_SECRET, as registered by `npm run cli -- telegram:set-webhook`',
  })
  @ApiOperation({ summary: 'Telegram Bot API updates (X-Telegram-Bot-Api-Secret-Token)' })
  telegram(@Req() req: Request, @Res() res: Response) {
    return this.handle('telegram', req, res);
  }

  @Get('dlt/sms')
  @WebhookAnswers(EMPTY_ANSWER)
  @ApiQuery({ name: 'from', required: false, description: 'as in the POST body (aliases mobile, msisdn, sender)' })
  @ApiQuery({ name: 'text', required: false, description: 'as in the POST body (aliases message, msg, content)' })
  @ApiQuery({ name: 'id', required: false, description: 'as in the POST body (aliases msgid, message_id, smsid)' })
  @ApiQuery({
    name: 'status',
    required: false,
    description: 'as in the POST body (aliases dlr_status, deliverystatus)',
  })
  @ApiQuery({
    name: 'errcode',
    required: false,
    description: 'as in the POST body (aliases err, error_code, errorcode)',
  })
  @DLT_SECRET
  @ApiOperation({
    summary: 'Indian DLT SMS gateway, for aggregators that call back by GET: the same fields, in the query string',
  })
  dltGet(@Req() req: Request, @Res() res: Response) {
    return this.handle('dlt-sms', req, res);
  }

  @Post('dlt/sms')
  @WebhookAnswers(EMPTY_ANSWER)
  @ApiConsumes(FORM, 'application/json')
  @ApiBody({ type: DltCallbackDto })
  @DLT_SECRET
  @ApiOperation({
    summary: 'Indian DLT SMS gateway: inbound long-code/keyword messages and delivery reports (shared secret)',
  })
  dlt(@Req() req: Request, @Res() res: Response) {
    return this.handle('dlt-sms', req, res);
  }

  private async handle(route: string, req: Request & { rawBody?: Buffer }, res: Response): Promise<void> {
    if (!this.intake.isOn(route)) throw new NotFoundException(this.intake.whyOff(route));
    const answer = await this.intake.take(route, {
      method: req.method,
      url: req.originalUrl,
      headers: req.headers,
      rawBody: req.rawBody ?? Buffer.alloc(0),
      protocol: req.protocol,
    });
    res.status(answer.status).type(answer.contentType).send(answer.body);
  }
}
