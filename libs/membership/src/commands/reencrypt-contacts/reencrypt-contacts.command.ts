import { Command } from '@nestjs/cqrs';

export interface ReencryptionResult {
  /** Addresses re-sealed and data keys re-wrapped with the current key by this run. */
  reencrypted: number;
  /** Addresses and data keys still under another key (changed concurrently; run again). */
  remaining: number;
}

/**
 * Re-seals every stored address not under `currentKeyId` with the current key, in batches of `batchSize`, each its
 * own short transaction, so a key can be retired (ENCRYPTION_OLD_KEYS keeps old keys readable meanwhile).
 */
export class ReencryptContactsCommand extends Command<ReencryptionResult> {
  constructor(
    readonly currentKeyId: string,
    readonly batchSize = 500,
  ) {
    super();
  }
}
