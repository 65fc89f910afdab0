import { SendResult } from '@jansetu/channels';
import { BroadcastForms } from './broadcast';

/** WhatsApp allows free text only within 24 hours of the citizen's last message; outside it, an approved template. */
export const WHATSAPP_WINDOW_MS = 24 * 3600 * 1000;

/**
 * How a delivery that failed on a retryable error is tried again: exponential from `baseMs` (2 s after the first
 * attempt, 4 s after the second, ...), plus up to `jitter` of the delay so retries after a provider outage spread
 * out instead of arriving together; after `maxAttempts` attempts it fails for good.
 */
export const DELIVERY_RETRY_BACKOFF = { maxAttempts: 5, baseMs: 1000, factor: 2, jitter: 0.2 } as const;

/** A throttled provider that names no delay is asked again after this long. */
export const THROTTLED_DEFAULT_WAIT_MS = 1000;

/** The delivery as the policy sees it. */
export interface DeliveryFacts {
  channel: string;
  /** Attempts so far, this one included. */
  attempts: number;
  lastInboundAt: Date | null;
}

/** Before the send: what to send, or why nothing can be sent. */
export type DeliveryPlan =
  | { kind: 'send'; template?: NonNullable<BroadcastForms['whatsappTemplate']> }
  | Extract<DeliveryOutcome, { kind: 'fail' }>;

/** After the send: the delivery's outcome. */
export type DeliveryOutcome =
  | { kind: 'sent'; providerMessageId: string }
  /** WhatsApp said the window is closed after all: the same message again, as the template. */
  | { kind: 'resend-with-template' }
  /** Back to pending for `retryInMs`; a throttled attempt is refunded (it does not count against the budget). */
  | { kind: 'retry'; retryInMs: number; failure: 'throttled' | 'retryable' | 'unavailable'; refundAttempt: boolean }
  | { kind: 'fail'; failure: string; detail: string; optedOut: boolean };

export function whatsappWindowOpen(lastInboundAt: Date | null, now: number): boolean {
  return lastInboundAt !== null && now - new Date(lastInboundAt).getTime() < WHATSAPP_WINDOW_MS;
}

/** A delivery on a channel that is off (no credentials configured) fails for good. */
export function channelOff(channel: string): Extract<DeliveryOutcome, { kind: 'fail' }> {
  return failed('permanent', `channel ${channel} is off`);
}

/** Chooses text or template: a closed WhatsApp window needs the broadcast's template, and without one it fails. */
export function planDelivery(d: DeliveryFacts, forms: BroadcastForms, now: number): DeliveryPlan {
  if (d.channel !== 'whatsapp' || whatsappWindowOpen(d.lastInboundAt, now)) return { kind: 'send' };
  if (!forms.whatsappTemplate) return failed('window-closed', 'no WhatsApp template for a closed window');
  return { kind: 'send', template: forms.whatsappTemplate };
}

/** The retry delay after attempt `attempts`; `random` in [0, 1) draws the jitter. */
export function retryDelayMs(attempts: number, random: number): number {
  const { baseMs, factor, jitter } = DELIVERY_RETRY_BACKOFF;
  const delay = baseMs * factor ** attempts;
  return delay + Math.floor(delay * jitter * random);
}

/**
 * Judges a provider's answer: sent; a closed window met with free text is sent again as the template (once);
 * throttled waits the provider's delay; retryable goes again with backoff while the budget lasts; everything else
 * fails for good, and an opted-out recipient closes the contact point.
 */
export function decideDelivery(
  d: DeliveryFacts,
  result: SendResult,
  sent: { usedTemplate: boolean; templateAvailable: boolean },
  random: number,
): DeliveryOutcome {
  if (result.ok) return { kind: 'sent', providerMessageId: result.providerMessageId };
  if (result.failure === 'window-closed' && !sent.usedTemplate && sent.templateAvailable) {
    return { kind: 'resend-with-template' };
  }
  if (result.failure === 'throttled') {
    return {
      kind: 'retry',
      retryInMs: result.retryAfterMs ?? THROTTLED_DEFAULT_WAIT_MS,
      failure: 'throttled',
      refundAttempt: true,
    };
  }
  // The provider is down (its circuit is open): held until the next probe, the attempt not counted.
  if (result.failure === 'unavailable') {
    return {
      kind: 'retry',
      retryInMs: result.retryAfterMs ?? THROTTLED_DEFAULT_WAIT_MS,
      failure: 'unavailable',
      refundAttempt: true,
    };
  }
  if (result.failure === 'retryable' && d.attempts < DELIVERY_RETRY_BACKOFF.maxAttempts) {
    return { kind: 'retry', retryInMs: retryDelayMs(d.attempts, random), failure: 'retryable', refundAttempt: false };
  }
  return failed(result.failure, result.detail);
}

/**
 * How long after a receipt that says "try again" the send goes again: the handset is off or out of coverage
 * (Twilio 30003), which lasts minutes to hours, not the seconds a refused request needs. 1, 5, 25 minutes, then
 * about 2 hours (jittered up to 20% later): the fifth send is some 2.5 hours after the first.
 */
export const RECEIPT_RETRY_BACKOFF = { baseMs: 12_000, factor: 5, jitter: 0.2 } as const;

/**
 * A receipt that reports a retryable failure (Twilio 30003 handset unreachable, Meta 131000 / 133004 temporary;
 * the adapters' error tables say which) sends the delivery or reply again after RECEIPT_RETRY_BACKOFF, while the
 * attempt budget lasts; null once it is spent, and the failure stands for good.
 */
export function receiptRetryInMs(
  receipt: { state: string; failure?: string | null },
  attempts: number,
  random: number,
): number | null {
  if (receipt.state !== 'failed' || receipt.failure !== 'retryable') return null;
  if (attempts >= DELIVERY_RETRY_BACKOFF.maxAttempts) return null;
  const { baseMs, factor, jitter } = RECEIPT_RETRY_BACKOFF;
  const delay = baseMs * factor ** attempts;
  return delay + Math.floor(delay * jitter * random);
}

export function failed(failure: string, detail: string): Extract<DeliveryOutcome, { kind: 'fail' }> {
  return { kind: 'fail', failure, detail, optedOut: failure === 'recipient-opted-out' };
}
