import {
  ChannelAdapter,
  ChannelCapabilities,
  ChannelName,
  FetchedMedia,
  OutboundMessage,
  SendResult,
} from '../channel-adapter.port';

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitOptions {
  /** Consecutive transport failures (network errors, provider 5xx) that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit holds sends before one probe is let through. */
  coolDownMs: number;
}

/** While a probe is out, other sends are asked back this soon (or after the cool-down, if shorter). */
const PROBE_WAIT_MS = 1000;

/**
 * A per-provider circuit breaker: closed → open after `failureThreshold` consecutive transport failures → after
 * `coolDownMs` one probe (half-open) → closed when the provider answers, open again when it does not. Written here
 * rather than taken from opossum: opossum trips on an error percentage over a rolling window and rejects calls,
 * while the dispatcher needs "N in a row" and, for every held send, how long to hold it (its next attempt time).
 */
export class CircuitBreaker {
  private current: CircuitState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private probing = false;

  constructor(
    private readonly options: CircuitOptions,
    private readonly onChange: (state: CircuitState) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): CircuitState {
    return this.current;
  }

  /** Null: send now. Otherwise the milliseconds to hold the send (nothing is attempted). */
  admit(): number | null {
    if (this.current === 'closed') return null;
    const wait = this.openedAt + this.options.coolDownMs - this.now();
    if (this.current === 'open' && wait > 0) return wait;
    if (this.probing) return Math.min(PROBE_WAIT_MS, this.options.coolDownMs);
    this.probing = true;
    this.set('half-open');
    return null;
  }

  /**
   * Records a send's outcome. True when the failure is the outage's, not the message's: it opened the circuit or was
   * a failed probe, and the caller should hold the send without counting the attempt.
   */
  record(transportFailure: boolean): boolean {
    const probe = this.probing;
    this.probing = false;
    if (!transportFailure) {
      this.failures = 0;
      this.set('closed');
      return false;
    }
    this.failures++;
    if (!probe && this.current === 'closed' && this.failures < this.options.failureThreshold) return false;
    this.openedAt = this.now();
    this.set('open');
    return true;
  }

  private set(state: CircuitState): void {
    if (state === this.current) return;
    this.current = state;
    this.onChange(state);
  }
}

/**
 * An adapter behind its provider's circuit breaker. While the circuit is open a send is not attempted and answers
 * 'unavailable' with the time to hold it; the core holds such a delivery without spending an attempt, so an outage
 * of any length fails nothing (at most failureThreshold - 1 attempts are spent before the circuit opens).
 */
export class CircuitBreakingAdapter implements ChannelAdapter {
  readonly channel: ChannelName;
  readonly capabilities: ChannelCapabilities;
  /**
   * The inner adapter's, when it has one; absent otherwise, so callers can tell. Downloads bypass the breaker: it
   * counts sends, and a failed download is retried by its caller, not held.
   */
  readonly fetchMedia?: (ref: string, maxBytes: number) => Promise<FetchedMedia>;

  constructor(
    private readonly inner: ChannelAdapter,
    readonly breaker: CircuitBreaker,
    private readonly coolDownMs: number,
  ) {
    this.channel = inner.channel;
    this.capabilities = inner.capabilities;
    if (inner.fetchMedia) this.fetchMedia = (ref, maxBytes) => inner.fetchMedia!(ref, maxBytes);
  }

  checkText(message: Pick<OutboundMessage, 'text' | 'dltTemplateId'>): string | null {
    return this.inner.checkText?.(message) ?? null;
  }

  checkTemplate(template: { name: string; language: string }): Promise<string | null> {
    return this.inner.checkTemplate?.(template) ?? Promise.resolve(null);
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    const provider = this.capabilities.provider;
    const wait = this.breaker.admit();
    if (wait !== null) {
      return { ok: false, failure: 'unavailable', detail: `${provider} unavailable: circuit open`, retryAfterMs: wait };
    }
    const result = await this.inner
      .send(message)
      .catch((e: Error): SendResult => ({ ok: false, failure: 'retryable', detail: e.message }));
    const transportFailure = !result.ok && result.failure === 'retryable';
    if (this.breaker.record(transportFailure) && !result.ok) {
      return { ok: false, failure: 'unavailable', detail: result.detail, retryAfterMs: this.coolDownMs };
    }
    return result;
  }
}
