import { describe, expect, it } from 'vitest';
import { ChannelAdapter, CircuitBreaker, CircuitBreakingAdapter, CircuitState, SendResult } from '@jansetu/channels';
import { decideDelivery, DELIVERY_RETRY_BACKOFF } from './delivery-policy';

const OUTAGE_MS = 10 * 60_000;
const options = { failureThreshold: 3, coolDownMs: 30_000 };

/** A provider that answers 503 until `upAt` on the simulated clock, then accepts everything. */
function flakyProvider(clock: { now: number }, upAt: number) {
  const calls: number[] = [];
  const adapter: ChannelAdapter = {
    channel: 'sms',
    capabilities: {
      maxLength: 1600,
      encodings: ['ucs2'],
      templates: false,
      media: false,
      ratePerSecond: 10,
      provider: 'twilio',
    },
    send: (): Promise<SendResult> => {
      calls.push(clock.now);
      if (clock.now < upAt) return Promise.reject(new Error('connect ECONNREFUSED'));
      return Promise.resolve({ ok: true, providerMessageId: `SM${calls.length}` });
    },
  };
  return { adapter, calls };
}

describe('a provider down for 10 minutes, behind its circuit breaker', () => {
  it('loses nothing and fails nothing: deliveries are held without spending attempts and complete after it recovers', async () => {
    const clock = { now: 0 };
    const states: CircuitState[] = [];
    const { adapter, calls } = flakyProvider(clock, OUTAGE_MS);
    const breaker = new CircuitBreaker(
      options,
      (s) => states.push(s),
      () => clock.now,
    );
    const provider = new CircuitBreakingAdapter(adapter, breaker, options.coolDownMs);
    // 50 deliveries, worked as the dispatcher does: claim what is due (one more attempt), send, judge, record.
    const deliveries = Array.from({ length: 50 }, () => ({ attempts: 0, dueAt: 0, status: 'pending', failure: '' }));
    while (deliveries.some((d) => d.status === 'pending')) {
      const due = deliveries.filter((d) => d.status === 'pending' && d.dueAt <= clock.now);
      if (!due.length) {
        clock.now = Math.min(...deliveries.filter((d) => d.status === 'pending').map((d) => d.dueAt));
        continue;
      }
      for (const d of due) {
        d.attempts++;
        const result = await provider.send({ to: '+919800000000', text: 'सूचना' });
        const facts = { channel: 'sms', attempts: d.attempts, lastInboundAt: null };
        const outcome = decideDelivery(facts, result, { usedTemplate: false, templateAvailable: false }, 0.5);
        if (outcome.kind === 'sent') d.status = 'sent';
        else if (outcome.kind === 'fail') [d.status, d.failure] = ['failed', outcome.failure];
        else if (outcome.kind === 'retry') {
          if (outcome.refundAttempt) d.attempts--;
          d.dueAt = clock.now + outcome.retryInMs;
        }
      }
      clock.now += 10; // the batch's own time
    }
    expect(deliveries.filter((d) => d.status === 'failed')).toEqual([]);
    expect(deliveries.every((d) => d.status === 'sent')).toBe(true);
    expect(Math.max(...deliveries.map((d) => d.attempts))).toBeLessThan(DELIVERY_RETRY_BACKOFF.maxAttempts);
    // During the outage the provider saw the failures that opened the circuit and one probe per cool-down, not
    // 50 deliveries x 5 attempts.
    const duringOutage = calls.filter((t) => t < OUTAGE_MS).length;
    expect(duringOutage).toBeLessThanOrEqual(options.failureThreshold + OUTAGE_MS / options.coolDownMs + 1);
    expect(states[0]).toBe('open');
    expect(states.at(-1)).toBe('closed');
    expect(breaker.state).toBe('closed');
    expect(clock.now).toBeLessThan(OUTAGE_MS + 2 * options.coolDownMs); // resumed within a cool-down of recovery
  });

  it('a permanent answer is the provider answering: it closes the circuit and is not held', async () => {
    const clock = { now: 0 };
    const breaker = new CircuitBreaker(options, undefined, () => clock.now);
    for (let i = 0; i < options.failureThreshold; i++) breaker.record(true);
    expect(breaker.state).toBe('open');
    expect(breaker.admit()).toBe(options.coolDownMs);
    clock.now = options.coolDownMs;
    expect(breaker.admit()).toBeNull(); // the probe
    expect(breaker.state).toBe('half-open');
    expect(breaker.admit()).toBe(1000); // others wait for the probe's answer
    expect(breaker.record(false)).toBe(false);
    expect(breaker.state).toBe('closed');
  });
});
