import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ChannelName, ChannelRegistry } from '@jansetu/channels';
import { APP_CONFIG, AppConfig } from '@jansetu/platform';
import { audienceOf, checkAudience } from '../../domain/audience';
import { needsApproval } from '../../domain/approval-rules';
import { commonPath, renderVariant } from '../../domain/broadcast';
import { VERIFICATION_CODE_LENGTH } from '../../domain/verification-code';
import { checkContent } from '../../domain/content-rules';
import { LanguagePreview, previewLanguages } from '../../domain/language-preview';
import { AudienceRepository } from '../../persistence/audience.repository';
import { ContentRuleRepository } from '../../persistence/content-rule.repository';
import { DeliveryRepository } from '../../persistence/delivery.repository';
import { BroadcastPreview, PreviewBroadcastQuery } from './preview-broadcast.query';

/** What a broadcast would cost and take, computed in SQL over the same audience the fan-out would use. */
@QueryHandler(PreviewBroadcastQuery)
export class PreviewBroadcastHandler implements IQueryHandler<PreviewBroadcastQuery> {
  constructor(
    private readonly audience: AudienceRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly contentRules: ContentRuleRepository,
    private readonly channels: ChannelRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(q: PreviewBroadcastQuery): Promise<BroadcastPreview> {
    const audience = audienceOf(q.audience);
    const paths = checkAudience(
      q.officer,
      audience,
      await this.audience.groupsWithPaths(audience.groupIds),
      await this.audience.nodes(audience.jurisdictions.map((j) => j.nodeId)),
      false,
    );
    const rows = await this.audience.previewAudience(audience);
    const byChannel: Record<string, number> = {};
    const byLanguage: Record<string, number> = {};
    let outsideWindow = 0;
    for (const r of rows) {
      byChannel[r.channel] = (byChannel[r.channel] ?? 0) + r.n;
      byLanguage[r.language] = (byLanguage[r.language] ?? 0) + r.n;
      if (r.channel === 'whatsapp') outsideWindow += r.outside_window;
    }
    const recipients = Object.values(byChannel).reduce((a, b) => a + b, 0);
    // Each recipient gets only the text of their language (or Hindi): segments and cost are counted per language,
    // with the verification line every broadcast carries (its code is drawn when it is created).
    const languages = previewLanguages(
      q.body,
      rows,
      this.config.SMS_COST_PER_SEGMENT_PAISE,
      'X'.repeat(VERIFICATION_CODE_LENGTH),
    );
    const hindi = languages.find((l) => l.language === 'hi')!; // always there: Hindi is required
    const bySms = languages.filter((l) => l.smsRecipients > 0);
    const smsTexts = bySms.length ? bySms : [hindi];
    const totalSegments = languages.reduce((sum, l) => sum + l.totalSegments, 0);
    const sent = await this.deliveries.whatsappRecipientsLast24h();
    const waCount = byChannel.whatsapp ?? 0;
    const channelsOff = Object.keys(byChannel).filter((c) => !this.channels.get(c as ChannelName));
    const seconds = Object.entries(byChannel).map(
      ([c, n]) => n / (this.channels.get(c as ChannelName)?.capabilities.ratePerSecond ?? Infinity),
    );
    const path = commonPath(paths);
    const scopeLevel = path ? await this.audience.levelOf(path) : undefined;
    const rules = await this.contentRules.all();
    return {
      recipients,
      byChannel,
      byLanguage,
      sms: {
        encoding: smsTexts.some((l) => l.encoding === 'ucs2') ? 'ucs2' : 'gsm7',
        segmentsPerMessage: Math.max(...smsTexts.map((l) => l.segmentsPerMessage)),
        totalSegments,
        estimatedCostInr: Math.round(totalSegments * this.config.SMS_COST_PER_SEGMENT_PAISE) / 100,
      },
      whatsapp: {
        recipients: waCount,
        outsideWindow,
        needsTemplate: outsideWindow > 0 && !q.forms.whatsappTemplate,
        dailyLimit: this.config.WHATSAPP_DAILY_LIMIT,
        sentLast24h: sent,
        withinLimit: sent + waCount <= this.config.WHATSAPP_DAILY_LIMIT,
        wouldBeHeld: Math.max(0, sent + waCount - this.config.WHATSAPP_DAILY_LIMIT),
      },
      citizenDailyCap: {
        cap: this.config.CITIZEN_DAILY_MESSAGE_CAP,
        wouldBeCapped:
          q.category === 'emergency'
            ? 0
            : await this.deliveries.wouldBeCapped(audience, this.config.CITIZEN_DAILY_MESSAGE_CAP),
      },
      estimatedSeconds: Math.ceil(Math.max(0, ...seconds.filter(Number.isFinite))),
      channelsOff,
      needsApproval: needsApproval(recipients, this.config.BROADCAST_APPROVAL_THRESHOLD, scopeLevel),
      contentViolation: checkContent(q.body, rules, q.forms),
      smsTemplate: this.smsTemplateProblem(q, languages),
      whatsappTemplate:
        outsideWindow > 0 && q.forms.whatsappTemplate
          ? await this.channels.checkTemplate('whatsapp', q.forms.whatsappTemplate)
          : null,
      languages,
    };
  }

  /** The SMS text of each language with SMS recipients, held to the DLT register as the adapter will hold it. */
  private smsTemplateProblem(q: PreviewBroadcastQuery, languages: LanguagePreview[]): string | null {
    const code = 'X'.repeat(VERIFICATION_CODE_LENGTH);
    const refused = new Map<string, string[]>();
    for (const l of languages.filter((x) => x.smsRecipients > 0)) {
      const text = renderVariant(q.body, l.sentIn, code);
      const reason = this.channels.checkText('sms', { text, dltTemplateId: q.forms.smsDltTemplateId });
      if (reason) refused.set(reason, [...(refused.get(reason) ?? []), l.language]);
    }
    if (!refused.size) return null;
    return [...refused].map(([reason, langs]) => `${reason} (${langs.join(', ')})`).join('; ');
  }
}
