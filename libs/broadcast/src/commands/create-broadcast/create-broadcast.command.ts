import { Command } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';
import { AudienceDefinition } from '../../domain/audience';
import { BroadcastBody, BroadcastForms, BroadcastStatus, Category } from '../../domain/broadcast';

export interface BroadcastCreated {
  id: string;
  /** Citizens it was resolved to; 0 while a streamed audience is still being resolved by the dispatchers. */
  recipients: number;
  /** Streamed: the membership count its slices were cut from (an upper bound); null when resolved at creation. */
  audienceEstimate: number | null;
  status: BroadcastStatus;
  /** True when an officer of the parent jurisdiction must approve (an emergency is sent first and approved after). */
  needsApproval: boolean;
  /** Appended to the text citizens receive; VERIFY <code> tells them it is genuine. */
  verificationCode: string;
}

export class CreateBroadcastCommand extends Command<BroadcastCreated> {
  constructor(
    readonly officer: OfficerPrincipal,
    /** Group ids, or any mix of groups and jurisdiction subtrees. */
    readonly audience: string[] | Partial<AudienceDefinition>,
    readonly category: Category,
    readonly body: BroadcastBody,
    readonly forms: BroadcastForms = {},
    readonly scheduledAt: Date | null = null,
  ) {
    super();
  }
}
