import { Query } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';

/** A broadcast of today as a home screen lists it, with how far its delivery has come. */
export interface TodaysBroadcast {
  id: string;
  category: string;
  status: string;
  /** The Hindi text's first 120 characters. */
  text: string;
  createdAt: string;
  recipients: number;
  /** Delivered or read. */
  delivered: number;
  /** Handed to the provider, no receipt yet. */
  sent: number;
  failed: number;
  /** Not yet sent (pending or sending). */
  waiting: number;
}

/** One station (or, for a state-wide officer, one district): its broadcasts of the window and their delivery. */
export interface AreaDelivery {
  code: string;
  nameEn: string;
  nameHi: string;
  level: string;
  broadcasts: number;
  deliveries: number;
  delivered: number;
  failed: number;
  /** delivered / deliveries (cancelled ones left out); null when nothing was sent. */
  deliveryRate: number | null;
}

/** A broadcast waiting for this officer's decision: approval, or an emergency's review (which has a deadline). */
export interface PendingDecision {
  id: string;
  category: string;
  queue: 'pending_approval' | 'review';
  recipients: number;
  createdAt: string;
  /** The review's due time, or the schedule an approval must come before; null: no deadline. */
  deadline: string | null;
}

export interface BroadcastSummary {
  today: TodaysBroadcast[];
  byArea: AreaDelivery[];
  /** How many wait for this officer, and the first of them by deadline. */
  decisions: { count: number; first: PendingDecision[] };
}

/**
 * Broadcasts in the officer's jurisdiction for a home screen: those created since `todayFrom`, delivery per station
 * (per district for state-wide officers) since `windowFrom`, worst rate first, and the decisions waiting.
 */
export class SummariseBroadcastsQuery extends Query<BroadcastSummary> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly todayFrom: Date,
    readonly windowFrom: Date,
  ) {
    super();
  }
}
