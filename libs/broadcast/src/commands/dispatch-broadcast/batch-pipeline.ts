/** Sent and failed (final) deliveries of a bucket. */
export interface DispatchTotals {
  sent: number;
  failed: number;
}

/**
 * Keeps up to `depth` batches in flight: the next one is claimed while the last one's sends await the provider's
 * answers. A batch's failure is rethrown only once nothing is in flight any more, so no batch is left sending
 * behind a thrown error.
 */
export class BatchPipeline {
  readonly totals: DispatchTotals = { sent: 0, failed: 0 };
  private readonly inFlight: Promise<DispatchTotals | { error: unknown }>[] = [];

  constructor(private readonly depth: number) {}

  get busy(): boolean {
    return this.inFlight.length > 0;
  }

  /** Adds a batch; waits for the oldest while `depth` are in flight. */
  async add(batch: Promise<DispatchTotals>): Promise<void> {
    this.inFlight.push(batch.catch((error: unknown) => ({ error })));
    await this.settle(false);
  }

  /** Waits for every batch in flight. */
  async drain(): Promise<void> {
    await this.settle(true);
  }

  private async settle(all: boolean): Promise<void> {
    let failure: { error: unknown } | undefined;
    while (this.inFlight.length && (all || failure || this.inFlight.length >= this.depth)) {
      const outcome = await this.inFlight.shift()!;
      if ('error' in outcome) {
        failure ??= outcome;
      } else {
        this.totals.sent += outcome.sent;
        this.totals.failed += outcome.failed;
      }
    }
    if (failure) throw failure.error;
  }
}
