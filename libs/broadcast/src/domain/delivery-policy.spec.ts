import { describe, expect, it } from 'vitest';
import { SendResult } from '@jansetu/channels';
import { BroadcastForms } from './broadcast';
import {
  channelOff,
  decideDelivery,
  DELIVERY_RETRY_BACKOFF,
  DeliveryFacts,
  planDelivery,
  receiptRetryInMs,
  retryDelayMs,
  WHATSAPP_WINDOW_MS,
} from './delivery-policy';

const now = Date.parse('2026-03-01T10:00:00Z');
const template = { name: 'flood_alert', language: 'hi', parameters: ['बाढ़'] };
const withTemplate: BroadcastForms = { whatsappTemplate: template };
const hoursAgo = (h: number) => new Date(now - h * 3600_000);
const facts = (channel: string, lastInboundAt: Date | null = null, attempts = 1): DeliveryFacts => ({
  channel,
  attempts,
  lastInboundAt,
});

describe('delivery policy: before the send', () => {
  it.each<[string, DeliveryFacts, BroadcastForms, ReturnType<typeof planDelivery>]>([
    ['SMS: text', facts('sms'), {}, { kind: 'send' }],
    ['Telegram: text', facts('telegram'), withTemplate, { kind: 'send' }],
    ['WhatsApp inside the window: text', facts('whatsapp', hoursAgo(23)), withTemplate, { kind: 'send' }],
    [
      'WhatsApp outside the window: template',
      facts('whatsapp', hoursAgo(25)),
      withTemplate,
      { kind: 'send', template },
    ],
    ['WhatsApp never written: template', facts('whatsapp', null), withTemplate, { kind: 'send', template }],
    [
      'WhatsApp outside the window, no template: fails',
      facts('whatsapp', hoursAgo(25)),
      {},
      { kind: 'fail', failure: 'window-closed', detail: 'no WhatsApp template for a closed window', optedOut: false },
    ],
  ])('%s', (_, d, forms, plan) => {
    expect(planDelivery(d, forms, now)).toEqual(plan);
  });

  it('closes the window exactly 24 hours after the last message', () => {
    expect(planDelivery(facts('whatsapp', new Date(now - WHATSAPP_WINDOW_MS + 1)), withTemplate, now)).toEqual({
      kind: 'send',
    });
    expect(planDelivery(facts('whatsapp', new Date(now - WHATSAPP_WINDOW_MS)), withTemplate, now)).toEqual({
      kind: 'send',
      template,
    });
  });

  it('fails a delivery on a channel that is off, for good', () => {
    expect(channelOff('sms')).toEqual({
      kind: 'fail',
      failure: 'permanent',
      detail: 'channel sms is off',
      optedOut: false,
    });
  });
});

describe('delivery policy: the provider answered', () => {
  const fail = (failure: Extract<SendResult, { ok: false }>['failure'], retryAfterMs?: number): SendResult => ({
    ok: false,
    failure,
    detail: `provider said ${failure}`,
    ...(retryAfterMs !== undefined && { retryAfterMs }),
  });
  const asText = { usedTemplate: false, templateAvailable: true };
  const noTemplate = { usedTemplate: false, templateAvailable: false };
  const asTemplate = { usedTemplate: true, templateAvailable: true };

  it.each<[string, SendResult, number, typeof asText, ReturnType<typeof decideDelivery>]>([
    ['sent', { ok: true, providerMessageId: 'SM1' }, 1, asText, { kind: 'sent', providerMessageId: 'SM1' }],
    [
      'window closed after all: again as the template',
      fail('window-closed'),
      1,
      asText,
      { kind: 'resend-with-template' },
    ],
    [
      'window closed, no template to fall back on',
      fail('window-closed'),
      1,
      noTemplate,
      { kind: 'fail', failure: 'window-closed', detail: 'provider said window-closed', optedOut: false },
    ],
    [
      'window closed for the template too',
      fail('window-closed'),
      1,
      asTemplate,
      { kind: 'fail', failure: 'window-closed', detail: 'provider said window-closed', optedOut: false },
    ],
    [
      'throttled: the provider’s delay, attempt refunded',
      fail('throttled', 2500),
      1,
      asText,
      { kind: 'retry', retryInMs: 2500, failure: 'throttled', refundAttempt: true },
    ],
    [
      'throttled without a delay: a second',
      fail('throttled'),
      5,
      asText,
      { kind: 'retry', retryInMs: 1000, failure: 'throttled', refundAttempt: true },
    ],
    [
      'retryable, first attempt: 2 s',
      fail('retryable'),
      1,
      asText,
      { kind: 'retry', retryInMs: 2000, failure: 'retryable', refundAttempt: false },
    ],
    [
      'retryable, fourth attempt: 16 s',
      fail('retryable'),
      4,
      asText,
      { kind: 'retry', retryInMs: 16000, failure: 'retryable', refundAttempt: false },
    ],
    [
      'retryable, budget spent: fails',
      fail('retryable'),
      DELIVERY_RETRY_BACKOFF.maxAttempts,
      asText,
      { kind: 'fail', failure: 'retryable', detail: 'provider said retryable', optedOut: false },
    ],
    [
      'permanent: fails at once',
      fail('permanent'),
      1,
      asText,
      { kind: 'fail', failure: 'permanent', detail: 'provider said permanent', optedOut: false },
    ],
    [
      'opted out: fails and closes the contact point',
      fail('recipient-opted-out'),
      1,
      asText,
      { kind: 'fail', failure: 'recipient-opted-out', detail: 'provider said recipient-opted-out', optedOut: true },
    ],
  ])('%s', (_, result, attempts, sent, outcome) => {
    expect(decideDelivery(facts('whatsapp', null, attempts), result, sent, 0)).toEqual(outcome);
  });

  it.each([
    [1, 0, 2000],
    [1, 0.999, 2399],
    [2, 0.5, 4400],
    [4, 0, 16000],
    [4, 0.999, 19196],
  ])('backs off after attempt %i with jitter draw %d: %i ms', (attempts, random, ms) => {
    expect(retryDelayMs(attempts, random)).toBe(ms);
  });

  it('never retries earlier than the plain exponential delay, nor later than the jitter allows', () => {
    for (let attempts = 1; attempts < DELIVERY_RETRY_BACKOFF.maxAttempts; attempts++) {
      const plain = DELIVERY_RETRY_BACKOFF.baseMs * DELIVERY_RETRY_BACKOFF.factor ** attempts;
      for (const r of [0, 0.25, 0.5, 0.75, 0.9999]) {
        expect(retryDelayMs(attempts, r)).toBeGreaterThanOrEqual(plain);
        expect(retryDelayMs(attempts, r)).toBeLessThan(plain * (1 + DELIVERY_RETRY_BACKOFF.jitter));
      }
    }
  });
});

describe('receiptRetryInMs', () => {
  it.each([
    [
      'a retryable failure after one attempt: 1 minute plus jitter',
      { state: 'failed', failure: 'retryable' },
      1,
      0.5,
      66_000,
    ],
    [
      'a retryable failure after four attempts: 125 minutes (a handset off for hours)',
      { state: 'failed', failure: 'retryable' },
      4,
      0,
      7_500_000,
    ],
    ['the budget is spent', { state: 'failed', failure: 'retryable' }, 5, 0, null],
    ['a permanent failure', { state: 'failed', failure: 'permanent' }, 1, 0, null],
    ['a delivered receipt', { state: 'delivered' }, 1, 0, null],
  ])('%s', (_label, receipt, attempts, random, expected) => {
    expect(receiptRetryInMs(receipt, attempts, random)).toBe(expected);
  });
});
