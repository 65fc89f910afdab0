import { Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';

/**
 * Paces sends to a provider account: message slots are handed out 1/rate apart, so no one-second window ever holds
 * more than `rate` sends (plus the one on its edge), however many dispatcher processes share the account.
 */
export interface SendPacer {
  /** Reserves `count` consecutive slots; resolves with the delays (ms from now) at which each may be sent. */
  reserve(account: string, ratePerSecond: number, count: number): Promise<number[]>;
}

export const SEND_PACER = Symbol('SEND_PACER');

// Slots are spaced for 97% of the provider's limit: timers and network jitter move a send by a few milliseconds,
// and that margin keeps the rate the provider observes under its limit in every one-second window.
const HEADROOM = 0.97;

function intervalUs(ratePerSecond: number): number {
  return Math.ceil(1_000_000 / (ratePerSecond * HEADROOM));
}

function slots(firstDelayUs: number, intervalUs: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => Math.max(0, (firstDelayUs + i * intervalUs) / 1000));
}

/**
 * Shared through Redis, for several dispatchers: a GCRA-style schedule kept in one key per account and advanced
 * atomically by a Lua script on Redis's own clock, so machines with skewed clocks still agree.
 */
export class RedisSendPacer implements SendPacer, OnModuleDestroy {
  private readonly redis: Redis;
  private static readonly SCRIPT = `
    local t = redis.call('TIME')
    local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
    local interval = tonumber(ARGV[1])
    local count = tonumber(ARGV[2])
    local next_free = tonumber(redis.call('GET', KEYS[1]) or '0')
    local first = math.max(now, next_free)
    local after = first + interval * count
    redis.call('SET', KEYS[1], string.format('%.0f', after), 'PX', math.ceil((after - now) / 1000) + 1000)
    return string.format('%.0f', first - now)`;

  constructor(url: string) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 3, enableOfflineQueue: true, lazyConnect: false });
    this.redis.on('error', (e: Error) => new Logger(RedisSendPacer.name).warn(`redis: ${e.message}`));
  }

  async reserve(account: string, ratePerSecond: number, count: number): Promise<number[]> {
    const interval = intervalUs(ratePerSecond);
    const firstDelayUs = Number(
      await this.redis.eval(RedisSendPacer.SCRIPT, 1, `jansetu:pace:${account}`, interval, count),
    );
    return slots(firstDelayUs, interval, count);
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}

/** The same schedule in one process: embedded mode, or a single dispatcher without Redis. */
export class LocalSendPacer implements SendPacer {
  private readonly nextFree = new Map<string, number>();

  async reserve(account: string, ratePerSecond: number, count: number): Promise<number[]> {
    const interval = intervalUs(ratePerSecond);
    const now = Number(process.hrtime.bigint() / 1000n);
    const first = Math.max(now, this.nextFree.get(account) ?? 0);
    this.nextFree.set(account, first + interval * count);
    return slots(first - now, interval, count);
  }
}
