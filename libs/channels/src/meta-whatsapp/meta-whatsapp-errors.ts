import { SendFailure } from '../channel-adapter.port';

// Cloud API error codes (developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes) that decide what the
// dispatcher does next; the same table serves send errors and the errors in `failed` status webhooks.
// App, WABA, per-number and per-pair (business, user) rate limits: waiting helps.
const THROTTLED = new Set([4, 80007, 130429, 131056]);
// Re-engagement: free text outside the 24-hour customer-service window; the core retries with a template.
const WINDOW_CLOSED = new Set([131047]);
// The user stopped marketing messages from this business.
const OPTED_OUT = new Set([131050]);
// Unknown / service unavailable / server temporarily unavailable: Meta says retry later.
const RETRYABLE = new Set([1, 2, 131000, 131016, 133004]);

/**
 * Maps a Meta error onto our failure kinds. `httpStatus` is the API's HTTP status when the error came from a send;
 * status webhooks carry only the code, and an unknown code there is permanent (Meta has already given up).
 * Everything else, including 100 (invalid parameter), 190 (token), 131026 (undeliverable), 131051 (unsupported
 * type) and 132000/132001 (template parameters / template missing), is permanent: sending it again cannot help.
 */
export function metaFailure(code: number | undefined, httpStatus?: number): SendFailure {
  if (httpStatus === 429) return 'throttled';
  if (code !== undefined) {
    if (THROTTLED.has(code)) return 'throttled';
    if (WINDOW_CLOSED.has(code)) return 'window-closed';
    if (OPTED_OUT.has(code)) return 'recipient-opted-out';
    if (RETRYABLE.has(code)) return 'retryable';
  }
  if (httpStatus !== undefined && httpStatus >= 500) return 'retryable';
  return 'permanent';
}

/** Meta sends codes as JSON numbers; a numeric string is accepted too, anything else is no code. */
export function parseMetaCode(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
  return Number.isInteger(n) ? n : undefined;
}
