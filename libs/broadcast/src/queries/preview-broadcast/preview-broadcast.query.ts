import { Query } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';
import { AudienceDefinition } from '../../domain/audience';
import { BroadcastBody, BroadcastForms, Category } from '../../domain/broadcast';
import { LanguagePreview } from '../../domain/language-preview';

export interface BroadcastPreview {
  recipients: number;
  byChannel: Record<string, number>;
  byLanguage: Record<string, number>;
  /** All languages together: the most parts one message takes, and the segments and cost summed over languages. */
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
  /** Why the SMS recipients' text would be refused (it matches no registered DLT template), with the languages; null: goes. */
  smsTemplate: string | null;
  /**
   * Why the WhatsApp recipients outside the 24-hour window would not get the broadcast's template (not approved at
   * Meta in that language, by the synced catalogue); null: goes, or nobody is outside the window.
   */
  whatsappTemplate: string | null;
  /** Per language: recipients, the text they get (Hindi as the fallback, with a warning), characters, SMS cost. */
  languages: LanguagePreview[];
}

export class PreviewBroadcastQuery extends Query<BroadcastPreview> {
  constructor(
    readonly officer: OfficerPrincipal,
    /** Group ids, or any mix of groups and jurisdiction subtrees. */
    readonly audience: string[] | Partial<AudienceDefinition>,
    readonly body: BroadcastBody,
    readonly forms: BroadcastForms,
    /** An emergency is never capped; any other category is. */
    readonly category: Category | null = null,
  ) {
    super();
  }
}
