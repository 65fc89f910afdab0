import { createHash, timingSafeEqual } from 'node:crypto';
import {
  ChannelWebhook,
  DeliveryState,
  SendFailure,
  StatusReceipt,
  WebhookOutcome,
  WebhookRequest,
} from '../channel-adapter.port';
import type { DltSmsSettings } from './dlt-sms.provider';

// Aggregators name the same things differently; the first name found wins, in this order, case-insensitively.
const SENDER_FIELDS = ['from', 'mobile', 'msisdn', 'sender'];
const TEXT_FIELDS = ['text', 'message', 'msg', 'content'];
const ID_FIELDS = ['id', 'msgid', 'message_id', 'smsid'];
const STATUS_FIELDS = ['status', 'dlr_status', 'deliverystatus'];
const ERROR_CODE_FIELDS = ['errcode', 'err', 'error_code', 'errorcode'];

/** Operator delivery-report statuses (SMPP-style, as aggregators relay them) onto our delivery states. */
const DLR_STATES: Record<string, { state: DeliveryState; failure?: SendFailure }> = {
  DELIVRD: { state: 'delivered' },
  DELIVERED: { state: 'delivered' },
  SUCCESS: { state: 'delivered' },
  UNDELIV: { state: 'failed' },
  FAILED: { state: 'failed' },
  EXPIRED: { state: 'failed' },
  REJECTD: { state: 'failed' },
  DND: { state: 'failed', failure: 'recipient-opted-out' },
  NCPR: { state: 'failed', failure: 'recipient-opted-out' },
  ACCEPTED: { state: 'sent' },
  SUBMITTED: { state: 'sent' },
  SENT: { state: 'sent' },
};

/**
 * The DLT aggregator's callbacks: citizens' SMS to the long code / keyword, and delivery reports. Aggregators cannot
 * sign requests, so a shared secret (query `secret` or header `x-jansetu-secret`) stands in for a signature.
 */
export class DltSmsWebhook implements ChannelWebhook {
  readonly channel = 'sms' as const;
  readonly route = 'dlt-sms';
  private readonly secretDigest?: Buffer;

  constructor(settings: Pick<DltSmsSettings, 'DLT_INBOUND_SECRET'>) {
    if (settings.DLT_INBOUND_SECRET) this.secretDigest = digest(settings.DLT_INBOUND_SECRET);
  }

  handle(request: WebhookRequest): WebhookOutcome {
    const given = request.headers['x-jansetu-secret'] ?? request.query.secret;
    if (!this.secretDigest) return { ok: false, status: 403, reason: 'DLT inbound is not configured' };
    if (!given) return { ok: false, status: 401, reason: 'missing DLT inbound secret' };
    // Comparing fixed-length digests keeps the comparison constant-time whatever the length of the guess.
    if (!timingSafeEqual(digest(given), this.secretDigest)) {
      return { ok: false, status: 403, reason: 'wrong DLT inbound secret' };
    }

    const fields = parseFields(request);
    if (!fields) return { ok: false, status: 400, reason: 'malformed DLT callback body' };
    const pick = (names: string[]) => names.map((n) => fields.get(n)).find((v) => v !== undefined && v !== '');

    const id = pick(ID_FIELDS);
    const status = pick(STATUS_FIELDS);
    if (status !== undefined && id !== undefined) {
      const mapped = DLR_STATES[status.trim().toUpperCase()];
      // Intermediate or unknown statuses (PENDING, ENROUTE...) are acknowledged, so the aggregator stops retrying.
      if (!mapped) return { ok: true, messages: [], receipts: [] };
      const receipt: StatusReceipt = { providerMessageId: id, state: mapped.state };
      if (mapped.failure) receipt.failure = mapped.failure;
      if (mapped.state === 'failed') receipt.errorCode = pick(ERROR_CODE_FIELDS) ?? status.trim().toUpperCase();
      return { ok: true, messages: [], receipts: [receipt] };
    }

    const from = pick(SENDER_FIELDS);
    const text = pick(TEXT_FIELDS);
    const missing = [!from && 'sender', !text && 'text', !id && 'message id'].filter(Boolean);
    if (!from || !text || !id) return { ok: false, status: 400, reason: `DLT inbound without ${missing.join(', ')}` };
    return { ok: true, messages: [{ from: normaliseIndianNumber(from), text, providerMessageId: id }], receipts: [] };
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** The callback's fields with lower-cased names: the body's first (form or JSON), then the query string's. */
function parseFields(request: WebhookRequest): Map<string, string> | undefined {
  const fields = new Map<string, string>();
  const add = (name: string, value: string) => {
    const key = name.toLowerCase();
    if (!fields.has(key)) fields.set(key, value);
  };
  if (request.method === 'POST' && request.rawBody.length > 0) {
    const contentType = request.headers['content-type']?.toLowerCase() ?? '';
    const body = request.rawBody.toString('utf8');
    if (contentType.includes('json')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        return undefined;
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
      for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
        if (typeof value === 'string' || typeof value === 'number') add(name, String(value));
      }
    } else {
      for (const [name, value] of new URLSearchParams(body)) add(name, value);
    }
  }
  for (const [name, value] of Object.entries(request.query)) {
    if (name.toLowerCase() !== 'secret') add(name, value);
  }
  return fields;
}

/** 10 digits, 0 + 10 or 91 + 10 digits become +91XXXXXXXXXX; anything else is kept as the aggregator sent it. */
function normaliseIndianNumber(raw: string): string {
  const digits = raw.replace(/[\s()+-]/g, '');
  const match = /^(?:91|0)?([1-9][0-9]{9})$/.exec(digits);
  return match ? `+91${match[1]}` : raw.trim();
}
