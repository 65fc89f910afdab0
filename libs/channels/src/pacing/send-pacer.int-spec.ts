import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisSendPacer } from './send-pacer';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Two pacers stand for two dispatcher processes sharing one provider account. */
describe('RedisSendPacer across two processes (real Redis)', () => {
  const a = new RedisSendPacer(REDIS_URL);
  const b = new RedisSendPacer(REDIS_URL);
  afterAll(async () => Promise.all([a.onModuleDestroy(), b.onModuleDestroy()]));

  it('never lets more than R sends into any one-second window', async () => {
    const rate = 50;
    const account = `test:${Date.now()}`;
    const sentAt: number[] = [];
    const worker = async (pacer: RedisSendPacer) => {
      for (let batch = 0; batch < 6; batch++) {
        const start = performance.now();
        const delays = await pacer.reserve(account, rate, 25);
        await Promise.all(
          delays.map(async (ms) => {
            await sleep(Math.max(0, ms - (performance.now() - start)));
            sentAt.push(performance.now());
          }),
        );
      }
    };
    await Promise.all([worker(a), worker(b)]);
    sentAt.sort((x, y) => x - y);
    expect(sentAt).toHaveLength(300);
    // Slide a one-second window over every send: at most R (+1 for the send on the window's edge).
    let worst = 0;
    for (let i = 0, j = 0; i < sentAt.length; i++) {
      while (sentAt[i] - sentAt[j] >= 1000) j++;
      worst = Math.max(worst, i - j + 1);
    }
    expect(worst).toBeLessThanOrEqual(rate + 1);
    // ...and the two processes shared the slots rather than each taking the full rate.
    expect(worst).toBeGreaterThan(rate / 2);
  });
});
