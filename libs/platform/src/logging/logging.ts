import { IncomingMessage } from 'node:http';
import { Params } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';

/**
 * Runs of 8+ digits (phone numbers, Telegram chat ids) are masked in every log line, whatever logged them. UUIDs and
 * long hex digests (ids, hashes) are matched first and kept whole: their digit runs are not numbers, and a log line
 * naming a broadcast or an audit event must still name it.
 */
const REDACTABLE =
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b|\b(?=[0-9a-f]*[a-f])[0-9a-f]{32,}\b|(\+?\d[\d\s-]{6,}\d)/gi;

export function redactDigits(text: string): string {
  return text.replace(REDACTABLE, (m, digits?: string) =>
    digits !== undefined && digits.replace(/\D/g, '').length >= 8 ? '[redacted-number]' : m,
  );
}

function redactDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactDigits(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1));
  // Only plain data is walked: request and response objects go through the serializers below, and walking them
  // here cost an eighth of the gateway's CPU under webhook load (bench/README.md).
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, depth + 1)]));
}

export function loggerParams(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.LOG_LEVEL,
      // Secrets and personal fields by name, wherever they appear.
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-twilio-signature"]',
          'req.headers["x-hub-signature-256"]',
          'req.headers["x-telegram-bot-api-secret-token"]',
          '*.password',
          '*.accessToken',
          '*.token',
          '*.from',
          '*.to',
          '*.address',
          '*.phone',
          '*.chatId',
        ],
        censor: '[redacted]',
      },
      serializers: {
        // Bodies are never logged; the URL loses its query, which may carry an address or a token.
        req: (req: IncomingMessage & { id?: unknown }) => ({
          id: req.id,
          method: req.method,
          url: (req.url ?? '').split('?')[0],
        }),
      },
      hooks: {
        logMethod(args, method) {
          method.apply(this, redactDeep(args) as Parameters<typeof method>);
        },
      },
      autoLogging: { ignore: (req) => ['/health', '/metrics'].includes((req.url ?? '').split('?')[0]) },
      // A state-wide broadcast brings thousands of delivery receipts a second: an answered webhook is counted in
      // jansetu_webhooks_total and logged at debug only (a line each cost a tenth of the gateway's CPU, bench/). A
      // refused or failed one is still logged, at warn or error, like every other request.
      customLogLevel: (req, res, error) => {
        if (error || res.statusCode >= 500) return 'error';
        if (res.statusCode >= 400) return 'warn';
        return (req.url ?? '').startsWith('/webhooks/') ? 'debug' : 'info';
      },
    },
  };
}
