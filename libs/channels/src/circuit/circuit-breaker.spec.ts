import { describe, expect, it } from 'vitest';
import { ChannelAdapter, FetchedMedia, SendResult } from '../channel-adapter.port';
import { CircuitBreaker, CircuitBreakingAdapter } from './circuit-breaker';

const capabilities = {
  maxLength: 4096,
  encodings: ['utf8' as const],
  templates: false,
  media: true,
  ratePerSecond: 30,
  provider: 'telegram',
};

function down(): ChannelAdapter {
  return {
    channel: 'telegram',
    capabilities,
    send: (): Promise<SendResult> => Promise.reject(new Error('connect ECONNREFUSED')),
  };
}

describe('CircuitBreakingAdapter and attachments', () => {
  it('downloads through the inner adapter, even while its sends are held by an open circuit', async () => {
    const asked: [string, number][] = [];
    const inner: ChannelAdapter = {
      ...down(),
      fetchMedia: (ref, maxBytes): Promise<FetchedMedia> => {
        asked.push([ref, maxBytes]);
        return Promise.resolve({ bytes: Buffer.from('jpeg'), mimeType: 'image/jpeg' });
      },
    };
    const wrapped = new CircuitBreakingAdapter(
      inner,
      new CircuitBreaker({ failureThreshold: 1, coolDownMs: 60_000 }),
      60_000,
    );
    expect(await wrapped.send({ to: '5550012345', text: 'x' })).toMatchObject({ ok: false, failure: 'unavailable' });

    const media = await wrapped.fetchMedia!('file-1', 5_000_000);

    expect(media).toEqual({ bytes: Buffer.from('jpeg'), mimeType: 'image/jpeg' });
    expect(asked).toEqual([['file-1', 5_000_000]]);
  });

  it('has no fetchMedia when the inner adapter has none, so callers can tell the channel carries no downloads', () => {
    const wrapped = new CircuitBreakingAdapter(down(), new CircuitBreaker({ failureThreshold: 3, coolDownMs: 1 }), 1);

    expect(wrapped.fetchMedia).toBeUndefined();
  });
});
