/** A provider's receipt for one message, by its provider reference (the blind-indexed provider message id). */
export interface Receipt {
  providerRef: string;
  state: 'sent' | 'delivered' | 'read' | 'failed';
  failure?: string | null;
  errorCode?: string | null;
}

/** A receipt that says the recipient opted out closes their contact point for good. */
export function closesContactPoint(r: Pick<Receipt, 'failure'>): boolean {
  return r.failure === 'recipient-opted-out';
}
