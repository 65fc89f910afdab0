import { Injectable } from '@nestjs/common';
import { Outbox, Topics } from '@jansetu/platform';
import { EntityManager } from 'typeorm';
import { DispatchRequest } from '../domain/broadcast';

/** Puts a broadcast's buckets on jansetu.dispatch.v1, in the caller's transaction. */
@Injectable()
export class DispatchQueue {
  constructor(private readonly outbox: Outbox) {}

  async enqueue(m: EntityManager, broadcastId: string, buckets: number[]): Promise<void> {
    for (const bucket of buckets) {
      const payload: DispatchRequest = { broadcastId, bucket };
      // Keyed per bucket, so the buckets spread over partitions and dispatchers work them in parallel.
      await this.outbox.add(m, {
        topic: Topics.dispatch,
        key: `broadcast:${broadcastId}:${bucket}`,
        type: 'broadcast.dispatch',
        payload,
      });
    }
  }

  async enqueueAll(m: EntityManager, broadcastId: string, buckets: number): Promise<void> {
    await this.enqueue(
      m,
      broadcastId,
      Array.from({ length: buckets }, (_, i) => i),
    );
  }
}
