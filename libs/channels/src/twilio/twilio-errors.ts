import { SendFailure } from '../channel-adapter.port';

// Twilio error codes (https://www.twilio.com/docs/api/errors) whose meaning decides what the dispatcher does next.
const OPTED_OUT = new Set([21610]); // the recipient replied STOP: sending again is refused until they opt back in
const THROTTLED = new Set([20429, 63018]); // API concurrency limit; WhatsApp per-sender rate limit
const WINDOW_CLOSED = new Set([63016]); // WhatsApp freeform text outside the 24-hour window
// Transient per the docs: server errors, queue overflow, a handset switched off or out of coverage, unknown error.
const RETRYABLE = new Set([20500, 20503, 30001, 30003, 30008]);

/**
 * Maps a Twilio error onto our failure kinds. `httpStatus` is the API's HTTP status when the error came from a send;
 * status callbacks carry only the code, and an unknown code there is permanent (Twilio has already retried).
 */
export function twilioFailure(code: number | undefined, httpStatus?: number): SendFailure {
  if (code !== undefined) {
    if (OPTED_OUT.has(code)) return 'recipient-opted-out';
    if (THROTTLED.has(code)) return 'throttled';
    if (WINDOW_CLOSED.has(code)) return 'window-closed';
    if (RETRYABLE.has(code)) return 'retryable';
  }
  if (httpStatus === 429) return 'throttled';
  if (httpStatus !== undefined && httpStatus >= 500) return 'retryable';
  return 'permanent';
}

/** Twilio sends codes as numbers in JSON and as strings in form posts; anything else is no code. */
export function parseTwilioCode(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
  return Number.isInteger(n) ? n : undefined;
}
