import { Inject, Injectable, Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ChannelAdapter,
  ChannelName,
  ChannelRegistry,
  OutboundMessage,
  paceKey,
  providerMessageRef,
  SEND_PACER,
  SendPacer,
  SendResult,
} from '@jansetu/channels';
import { BlindIndex, CitizenLanguage, DataKeys, Metrics } from '@jansetu/platform';
import { BroadcastBody, BroadcastForms, renderVariants, variantFor } from '../../domain/broadcast';
import { channelOff, decideDelivery, DeliveryFacts, DeliveryOutcome, planDelivery } from '../../domain/delivery-policy';
import { ClaimedDelivery, DeliveryRepository } from '../../persistence/delivery.repository';

// Slots are taken from the pacer at most this many milliseconds' worth of the provider's rate at a time: one Redis
// round trip per chunk instead of per message, and a stalled event loop can bunch at most that many sends, inside
// the 3% headroom (30 ms a second) the pacer keeps below the provider's limit.
const SLOT_CHUNK_MS = 20;

/** What a broadcast sends: its language variants, rendered once, and its per-channel forms. */
export class BroadcastMessage {
  readonly texts: Partial<Record<CitizenLanguage, string>>;

  constructor(
    readonly body: BroadcastBody,
    readonly forms: BroadcastForms,
    verificationCode: string | null = null,
  ) {
    this.texts = renderVariants(body, verificationCode);
  }

  /** The variant a citizen of `language` gets (their own, else Hindi) and its text: only that text is sent. */
  forLanguage(language: string): { variant: CitizenLanguage; text: string } {
    const variant = variantFor(this.body, language);
    return { variant, text: this.texts[variant]! };
  }
}

/** A delivery's settled outcome; a sent one carries the blind-indexed provider reference. */
export type SettledOutcome = Exclude<DeliveryOutcome, { kind: 'resend-with-template' }>;
export interface SentDelivery {
  d: ClaimedDelivery;
  outcome: SettledOutcome;
  /** The language of the text sent (the citizen's, or Hindi as the fallback). */
  variant: CitizenLanguage;
}

/** Sends a claimed batch at the providers' pace and judges every answer by the delivery policy. */
@Injectable()
export class DeliverySender {
  private readonly logger = new Logger(DeliverySender.name);

  constructor(
    private readonly channels: ChannelRegistry,
    private readonly keys: DataKeys,
    private readonly blindIndex: BlindIndex,
    private readonly metrics: Metrics,
    @Inject(SEND_PACER) private readonly pacer: SendPacer,
    private readonly deliveries: DeliveryRepository,
  ) {}

  /**
   * Sends take their slots from the pacer of their provider account in chunks of SLOT_CHUNK_MS and go out at them,
   * so a stalled event loop delays sends instead of bunching them; sends overlap while waiting for the answer.
   */
  async send(claimed: ClaimedDelivery[], message: BroadcastMessage): Promise<SentDelivery[]> {
    // One look-up of the data keys for the whole batch; an address whose key was destroyed (ERASE) stays unread.
    const addresses = new Map<string, string>();
    await this.keys.openMany(claimed.map((d) => d.address_ciphertext)).then(
      (opened) => opened.forEach((a, i) => addresses.set(claimed[i].id, a)),
      async () => {
        for (const d of claimed) {
          const a = await this.keys.open(d.address_ciphertext).catch(() => undefined);
          if (a !== undefined) addresses.set(d.id, a);
        }
      },
    );
    // Each delivery's lines in the order it tries them (CHANNEL_ROUTES by its jurisdiction, then failover); the
    // batch is paced per first line, the provider account nearly every send of it goes out through.
    const codes = claimed.some((d) => this.channels.routesByJurisdiction(d.channel))
      ? await this.deliveries.jurisdictionCodes(claimed.map((d) => d.id))
      : new Map<string, string[]>();
    const byLine = new Map<ChannelAdapter | ChannelName, { lines: ChannelAdapter[]; d: ClaimedDelivery }[]>();
    for (const d of claimed) {
      const lines = this.channels.route(d.channel, { jurisdictionCodes: codes.get(d.id) });
      const key = lines[0] ?? d.channel;
      byLine.set(key, [...(byLine.get(key) ?? []), { lines, d }]);
    }
    const results = await Promise.all(
      [...byLine].map(async ([first, list]) => {
        const send = ({ lines, d }: { lines: ChannelAdapter[]; d: ClaimedDelivery }) => {
          const { variant, text } = message.forLanguage(d.language);
          return this.sendOne(d, addresses.get(d.id), text, message.forms, lines).then((outcome) => ({
            d,
            outcome,
            variant,
          }));
        };
        if (typeof first === 'string') return Promise.all(list.map(send));
        const { ratePerSecond } = first.capabilities;
        const chunk = Math.max(1, Math.floor((ratePerSecond * SLOT_CHUNK_MS) / 1000));
        const inFlight: Promise<SentDelivery>[] = [];
        for (let i = 0; i < list.length; i += chunk) {
          const part = list.slice(i, i + chunk);
          const delays = await this.pacer.reserve(paceKey(first), ratePerSecond, part.length);
          const reservedAt = performance.now();
          for (const [j, d] of part.entries()) {
            const wait = reservedAt + delays[j] - performance.now();
            if (wait >= 1) await sleep(wait);
            inFlight.push(send(d));
          }
        }
        return Promise.all(inFlight);
      }),
    );
    return results.flat();
  }

  /** Plan (text or template), send, judge; a closed window met with free text is sent once more as the template. */
  private async sendOne(
    d: ClaimedDelivery,
    to: string | undefined,
    text: string,
    forms: BroadcastForms,
    lines: ChannelAdapter[],
  ): Promise<SettledOutcome> {
    const facts: DeliveryFacts = { channel: d.channel, attempts: d.attempts, lastInboundAt: d.last_inbound_at };
    if (!lines.length) return this.settled(d, channelOff(d.channel));
    const plan = planDelivery(facts, forms, Date.now());
    if (plan.kind === 'fail') return this.settled(d, plan);
    if (to === undefined)
      return this.settled(d, { kind: 'fail', failure: 'permanent', detail: 'address erased', optedOut: false });
    const outbound: OutboundMessage = {
      to,
      text,
      dltTemplateId: forms.smsDltTemplateId,
    };
    let template = plan.template;
    for (;;) {
      const result = await this.trySend(lines, template ? { ...outbound, template } : outbound);
      const outcome = decideDelivery(
        facts,
        result,
        { usedTemplate: template !== undefined, templateAvailable: forms.whatsappTemplate !== undefined },
        Math.random(),
      );
      if (outcome.kind === 'resend-with-template') {
        template = forms.whatsappTemplate;
        continue;
      }
      this.metrics.messagesSent.inc({ channel: d.channel, outcome: result.ok ? 'sent' : result.failure });
      return this.settled(d, outcome);
    }
  }

  private settled(d: ClaimedDelivery, outcome: SettledOutcome): SettledOutcome {
    if (outcome.kind === 'sent') {
      return { kind: 'sent', providerMessageId: providerMessageRef(this.blindIndex, outcome.providerMessageId) };
    }
    if (outcome.kind === 'fail') {
      this.logger.warn(`delivery ${d.id} on ${d.channel} failed: ${outcome.failure} (${outcome.detail})`);
    }
    return outcome;
  }

  /**
   * Sends through the first line, and through the next one whenever a line is down (its circuit is open): nothing
   * was sent there, so nothing goes out twice. A line taken over is paced like any other send through it.
   */
  private async trySend(lines: ChannelAdapter[], message: OutboundMessage): Promise<SendResult> {
    let result: SendResult = { ok: false, failure: 'unavailable', detail: 'no line' };
    for (const [i, line] of lines.entries()) {
      if (i > 0) {
        const [delay] = await this.pacer.reserve(paceKey(line), line.capabilities.ratePerSecond, 1);
        if (delay >= 1) await sleep(delay);
      }
      result = await line
        .send(message)
        .catch((e: Error): SendResult => ({ ok: false, failure: 'retryable', detail: e.message }));
      if (result.ok || result.failure !== 'unavailable') return result;
    }
    return result;
  }
}
