import { Query } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';
import { BroadcastBody, BroadcastForms, Category } from '../../domain/broadcast';

export interface BroadcastPreview {
  recipients: number;
  byChannel: Record<string, number>;
  byLanguage: Record<string, number>;
  sms: { encoding: 'gsm7' | 'ucs2'; segmentsPerMessage: number; totalSegments: number; estimatedCostInr: number };
  whatsapp: {
    recipients: number;
    outsideWindow: number;
    needsTemplate: boolean;
    dailyLimit: number;
    sentLast24h: number;
    withinLimit: boolean;
    /** Recipients the daily unique-user limit would hold back at send time (retried after WHATSAPP_HOLD_MINUTES). */
    wouldBeHeld: number;
  };
  /** The per-citizen cap on non-emergency police messages in 24 hours, and how many recipients it would hold back. */
  citizenDailyCap: { cap: number; wouldBeCapped: number };
  /** Seconds to send everything at the configured provider rates (the slowest channel decides). */
  estimatedSeconds: number;
  channelsOff: string[];
  needsApproval: boolean;
  contentViolation: string | null;
}

export class PreviewBroadcastQuery extends Query<BroadcastPreview> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly groupIds: string[],
    readonly body: BroadcastBody,
    readonly forms: BroadcastForms,
    /** An emergency is never capped; any other category is. */
    readonly category: Category | null = null,
  ) {
    super();
  }
}
