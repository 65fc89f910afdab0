/**
 * A provider's receipt for one message, by channel and provider reference (the blind-indexed provider message id):
 * ids are unique per provider, not across channels. An empty channel (a receipt queued before receipts carried
 * one) matches on the reference alone.
 */
export interface Receipt {
  channel: string;
  providerRef: string;
  state: 'sent' | 'delivered' | 'read' | 'failed';
  failure?: string | null;
  errorCode?: string | null;
}

/** A receipt that says the recipient opted out closes their contact point for good. */
export function closesContactPoint(r: Pick<Receipt, 'failure'>): boolean {
  return r.failure === 'recipient-opted-out';
}
