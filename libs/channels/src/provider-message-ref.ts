import { BlindIndex } from '@jansetu/platform';

/**
 * The form in which JanSetu stores and publishes a provider's message id: a keyed hash, because some ids carry the
 * citizen's number (a WhatsApp wamid encodes the recipient's). Receipts are matched by hashing their id the same way.
 */
export function providerMessageRef(blindIndex: BlindIndex, providerMessageId: string): string {
  return blindIndex.hash('provider-message-id', providerMessageId);
}
