import { applyDecorators, HttpCode } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

/*
 * What each provider posts to /webhooks, for /docs-json. These classes describe; they never validate: the webhook
 * handlers read the raw bytes, because each signature covers exactly those bytes, and check every field they use.
 */

// ---------------------------------------------------------------- answers

export class WebhookRejectedDto {
  @ApiProperty({ example: 401 }) statusCode: number;
  @ApiProperty({
    example: 'webhook_rejected',
    description: '"webhook_rejected", or "Not Found" for a route that is off',
  })
  error: string;
  @ApiProperty({
    example: 'missing X-Twilio-Signature',
    description: 'why: a missing or wrong signature or secret, a malformed body, or the setting that keeps it off',
  })
  message: string;
}

/**
 * A webhook answers 200 to every call it takes (providers retry anything else), 4xx with a reason otherwise.
 * @param ok what the 200 carries
 */
export function WebhookAnswers(ok: { description: string; contentType: string; example: string }) {
  return applyDecorators(
    HttpCode(200),
    ApiResponse({
      status: 200,
      description: ok.description,
      content: { [ok.contentType]: { schema: { type: 'string', example: ok.example } } },
    }),
    ApiResponse({ status: 400, type: WebhookRejectedDto, description: 'signed, but not a body this provider sends' }),
    ApiResponse({ status: 401, type: WebhookRejectedDto, description: 'no signature or secret' }),
    ApiResponse({ status: 403, type: WebhookRejectedDto, description: 'a signature or secret that does not match' }),
    ApiResponse({
      status: 404,
      type: WebhookRejectedDto,
      description: 'the route is off: the message names the selector or the setting that keeps it off',
    }),
  );
}

// ---------------------------------------------------------------- Twilio (application/x-www-form-urlencoded)

const TWILIO_SID = { pattern: '^(SM|MM)[0-9a-f]{32}$', example: 'SM0123456789abcdef0123456789abcdef' };

export class TwilioInboundMessageDto {
  @ApiProperty({ ...TWILIO_SID, description: "Twilio's message id; a retried webhook carries the same one" })
  MessageSid: string;
  @ApiProperty({ example: 'AC<your account SID>' }) AccountSid: string;
  @ApiPropertyOptional({ example: 'MG0123456789abcdef0123456789abcdef' }) MessagingServiceSid?: string;
  @ApiProperty({
    example: '+919876543210',
    description: 'the citizen: +E.164 for SMS, "whatsapp:+E.164" for WhatsApp (must match the route)',
  })
  From: string;
  @ApiProperty({
    example: '+15005550006',
    description: 'our number (TWILIO_SMS_FROM / "whatsapp:" + TWILIO_WHATSAPP_FROM)',
  })
  To: string;
  @ApiPropertyOptional({ example: 'JOIN 482193', description: "the citizen's text (may be empty with media)" })
  Body?: string;
  @ApiPropertyOptional({ example: '0', description: 'how many MediaUrl<n> follow (up to 10 are read)' })
  NumMedia?: string;
  @ApiPropertyOptional({ example: 'https://api.twilio.com/2010-04-01/Accounts/AC…/Messages/MM…/Media/ME…' })
  MediaUrl0?: string;
  @ApiPropertyOptional({ example: 'image/jpeg' }) MediaContentType0?: string;
  @ApiPropertyOptional({ example: '1' }) NumSegments?: string;
  @ApiPropertyOptional({ example: '25.8603', description: 'WhatsApp only: a shared location (with Longitude)' })
  Latitude?: string;
  @ApiPropertyOptional({ example: '85.7812' }) Longitude?: string;
  @ApiPropertyOptional({ description: 'a shared place’s name, read as the text when Body is empty' }) Label?: string;
  @ApiPropertyOptional({ example: 'Ramesh', description: 'WhatsApp only: the profile name (not stored)' })
  ProfileName?: string;
  @ApiPropertyOptional({ example: '919876543210', description: 'WhatsApp only' }) WaId?: string;
}

export class TwilioStatusCallbackDto {
  @ApiProperty({ ...TWILIO_SID, description: 'the id our send got back; the receipt is matched on it' })
  MessageSid: string;
  @ApiPropertyOptional({ ...TWILIO_SID, description: 'older name of MessageSid, read when MessageSid is absent' })
  SmsSid?: string;
  @ApiProperty({
    enum: [
      'queued',
      'sending',
      'sent',
      'delivered',
      'undelivered',
      'failed',
      'read',
      'accepted',
      'scheduled',
      'canceled',
    ],
    description: 'sent, delivered, read, undelivered and failed are recorded; the others are steps, acknowledged',
  })
  MessageStatus: string;
  @ApiPropertyOptional({ description: 'older name of MessageStatus' }) SmsStatus?: string;
  @ApiPropertyOptional({
    example: '30003',
    description: "Twilio's error code on undelivered/failed (30003 unreachable: retryable; 21610 opted out)",
  })
  ErrorCode?: string;
  @ApiPropertyOptional({ example: '+15005550006' }) From?: string;
  @ApiPropertyOptional({ example: '+919876543210' }) To?: string;
  @ApiPropertyOptional({ example: 'AC<your account SID>' }) AccountSid?: string;
}

// ---------------------------------------------------------------- Meta WhatsApp Cloud API (application/json)

class MetaMetadataDto {
  @ApiProperty({ example: '919000000000' }) display_phone_number: string;
  @ApiProperty({
    example: '106540352242922',
    description: 'must be WHATSAPP_PHONE_NUMBER_ID; other numbers are skipped',
  })
  phone_number_id: string;
}

class MetaTextDto {
  @ApiProperty({ example: 'JOIN 482193' }) body: string;
}

class MetaButtonDto {
  @ApiProperty({ example: 'STOP', description: 'read as the text' }) text: string;
  @ApiPropertyOptional({ example: 'stop' }) payload?: string;
}

class MetaMediaDto {
  @ApiProperty({ example: '1234567890123456' }) id: string;
  @ApiPropertyOptional({ example: 'image/jpeg' }) mime_type?: string;
  @ApiPropertyOptional({ description: 'read as the text' }) caption?: string;
}

class MetaLocationDto {
  @ApiProperty({ example: 25.8603 }) latitude: number;
  @ApiProperty({ example: 85.7812 }) longitude: number;
  @ApiPropertyOptional({ description: 'read as the text, with the address' }) name?: string;
  @ApiPropertyOptional() address?: string;
}

class MetaMessageDto {
  @ApiProperty({ example: '919876543210', description: "the citizen's number, digits only" }) from: string;
  @ApiProperty({ example: 'wamid.HBgMOTE5ODc2NTQzMjEwFQIAEhgUM0VCMEI2', description: 'dedup key' }) id: string;
  @ApiProperty({ example: '1764700000' }) timestamp: string;
  @ApiProperty({
    enum: ['text', 'button', 'interactive', 'image', 'document', 'audio', 'video', 'sticker', 'location', 'reaction'],
    description:
      'text, button, interactive replies, media (fetched from the media API) and locations are read; the rest are acknowledged and dropped',
  })
  type: string;
  @ApiPropertyOptional({ type: MetaTextDto }) text?: MetaTextDto;
  @ApiPropertyOptional({ type: MetaButtonDto, description: 'a template quick-reply' }) button?: MetaButtonDto;
  @ApiPropertyOptional({ description: '{ type, button_reply | list_reply: { id, title } }; the title is read' })
  interactive?: Record<string, unknown>;
  @ApiPropertyOptional({ type: MetaMediaDto }) image?: MetaMediaDto;
  @ApiPropertyOptional({ type: MetaMediaDto }) document?: MetaMediaDto;
  @ApiPropertyOptional({ type: MetaMediaDto }) audio?: MetaMediaDto;
  @ApiPropertyOptional({ type: MetaMediaDto }) video?: MetaMediaDto;
  @ApiPropertyOptional({ type: MetaLocationDto, description: 'a shared location: the case’s location' })
  location?: MetaLocationDto;
}

class MetaErrorDto {
  @ApiProperty({ example: 131026, description: "Meta's error code; mapped onto retryable, permanent, opted-out" })
  code: number;
  @ApiPropertyOptional({ example: 'Message undeliverable' }) title?: string;
}

class MetaStatusDto {
  @ApiProperty({ example: 'wamid.HBgMOTE5ODc2NTQzMjEwFQIAERgSQjVF', description: 'the id our send got back' })
  id: string;
  @ApiProperty({ enum: ['sent', 'delivered', 'read', 'failed'] }) status: string;
  @ApiProperty({ example: '1764700000' }) timestamp: string;
  @ApiProperty({ example: '919876543210' }) recipient_id: string;
  @ApiPropertyOptional({ type: [MetaErrorDto], description: 'on failed: the first is read' }) errors?: MetaErrorDto[];
}

class MetaValueDto {
  @ApiProperty({ enum: ['whatsapp'] }) messaging_product: string;
  @ApiProperty({ type: MetaMetadataDto }) metadata: MetaMetadataDto;
  @ApiPropertyOptional({ description: '[{ profile: { name }, wa_id }] (not stored)' }) contacts?: unknown[];
  @ApiPropertyOptional({ type: [MetaMessageDto] }) messages?: MetaMessageDto[];
  @ApiPropertyOptional({ type: [MetaStatusDto] }) statuses?: MetaStatusDto[];
}

class MetaChangeDto {
  @ApiProperty({ enum: ['messages'], description: 'other fields (template status updates...) are skipped' })
  field: string;
  @ApiProperty({ type: MetaValueDto }) value: MetaValueDto;
}

class MetaEntryDto {
  @ApiProperty({ example: '102290129340398', description: 'the WhatsApp Business Account id' }) id: string;
  @ApiProperty({ type: [MetaChangeDto] }) changes: MetaChangeDto[];
}

export class MetaWebhookDto {
  @ApiProperty({ enum: ['whatsapp_business_account'] }) object: string;
  @ApiProperty({ type: [MetaEntryDto] }) entry: MetaEntryDto[];
}

// ---------------------------------------------------------------- Telegram Bot API Update (application/json)

class TelegramChatDto {
  @ApiProperty({ example: 5550012345, description: "a private chat's id is the citizen's user id; it is the address" })
  id: number;
  @ApiProperty({ enum: ['private', 'group', 'supergroup', 'channel'], description: 'only private chats are read' })
  type: string;
  @ApiPropertyOptional({ example: 'Ramesh' }) first_name?: string;
}

class TelegramUserDto {
  @ApiProperty({ example: 5550012345 }) id: number;
  @ApiProperty({ example: false }) is_bot: boolean;
  @ApiProperty({ example: 'Ramesh' }) first_name: string;
  @ApiPropertyOptional({ example: 'hi' }) language_code?: string;
}

class TelegramMessageDto {
  @ApiProperty({ example: 42 }) message_id: number;
  @ApiPropertyOptional({ type: TelegramUserDto }) from?: TelegramUserDto;
  @ApiProperty({ type: TelegramChatDto }) chat: TelegramChatDto;
  @ApiProperty({ example: 1764700000 }) date: number;
  @ApiPropertyOptional({
    example: '/start 482193',
    description: '"/start <code>" means JOIN <code>; a bare /start or /help is HELP; /stop is STOP',
  })
  text?: string;
  @ApiPropertyOptional({ description: 'read as the text of a photo, document or video' }) caption?: string;
  @ApiPropertyOptional({ description: 'MessageEntity[], e.g. the bot_command of /start' }) entities?: unknown[];
  @ApiPropertyOptional({ description: 'PhotoSize[]: the largest file_id is fetched (getFile)' }) photo?: unknown[];
  @ApiPropertyOptional({ description: 'Voice { file_id, duration, mime_type }: fetched and kept on the case' })
  voice?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'Location { latitude, longitude }: the case’s location' })
  location?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'Venue { location, title, address }: its title and address are the text' })
  venue?: Record<string, unknown>;
}

export class TelegramUpdateDto {
  @ApiProperty({ example: 700000001, minimum: 0, description: "Telegram's dedup key: a retry carries the same one" })
  update_id: number;
  @ApiPropertyOptional({
    type: TelegramMessageDto,
    description: 'only `message` is read; edited_message, my_chat_member, callback_query... are acknowledged',
  })
  message?: TelegramMessageDto;
}

// ---------------------------------------------------------------- the DLT SMS gateway (form, JSON or query string)

/**
 * The DLT aggregator's callback. Aggregators name the same things differently, so each field has aliases: the first
 * present, in the order listed, wins (names are case-insensitive; body fields before query-string fields). A call
 * with `status` and a message id is a delivery report; otherwise it is a citizen's inbound SMS and needs a sender,
 * a text and a message id.
 */
export class DltCallbackDto {
  @ApiPropertyOptional({
    example: '919876543210',
    description:
      "inbound: the citizen's number. Aliases, in order: from, mobile, msisdn, sender. 10 digits, 0 + 10 or " +
      '91 + 10 digits become +91XXXXXXXXXX',
  })
  from?: string;
  @ApiPropertyOptional({
    example: 'JOIN 482193',
    description: "inbound: the citizen's text. Aliases, in order: text, message, msg, content",
  })
  text?: string;
  @ApiPropertyOptional({
    example: 'a1b2c3d4e5',
    description:
      'both: the message id. Inbound: the dedup key (a retry carries the same one). Report: the id our send got ' +
      'back (DLT_MESSAGE_ID_PATTERN). Aliases, in order: id, msgid, message_id, smsid',
  })
  id?: string;
  @ApiPropertyOptional({
    enum: [
      'DELIVRD',
      'DELIVERED',
      'SUCCESS',
      'UNDELIV',
      'FAILED',
      'EXPIRED',
      'REJECTD',
      'DND',
      'NCPR',
      'ACCEPTED',
      'SUBMITTED',
      'SENT',
    ],
    description:
      'report: the operator status (case-insensitive). DELIVRD/DELIVERED/SUCCESS: delivered; ACCEPTED/SUBMITTED/' +
      'SENT: sent; UNDELIV/FAILED/EXPIRED/REJECTD: failed; DND/NCPR: failed, the number is on the do-not-disturb ' +
      'register (opted out). Others (PENDING, ENROUTE...) are acknowledged and ignored. Aliases, in order: status, ' +
      'dlr_status, deliverystatus',
  })
  status?: string;
  @ApiPropertyOptional({
    example: '001',
    description:
      'report, on failure: the operator error code, kept with the delivery (the status itself when absent). ' +
      'Aliases, in order: errcode, err, error_code, errorcode',
  })
  errcode?: string;
}

export const DLT_SECRET_DESCRIPTION =
  'DLT_INBOUND_SECRET, in the query string (`secret`) or the X-JanSetu-Secret header; aggregators cannot sign';
