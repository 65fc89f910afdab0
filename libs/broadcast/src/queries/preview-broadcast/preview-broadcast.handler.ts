import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ChannelName, ChannelRegistry, smsSegments } from '@jansetu/channels';
import { assertCovers } from '@jansetu/identity';
import { APP_CONFIG, AppConfig, NotFoundError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { commonPath, renderBody } from '../../domain/broadcast';
import { checkContent, ContentRule } from '../../domain/content-rules';
import { BroadcastPreview, PreviewBroadcastQuery } from './preview-broadcast.query';

/** What a broadcast would cost and take, computed in SQL over the same audience the fan-out would use. */
@QueryHandler(PreviewBroadcastQuery)
export class PreviewBroadcastHandler implements IQueryHandler<PreviewBroadcastQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly channels: ChannelRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(q: PreviewBroadcastQuery): Promise<BroadcastPreview> {
    const groupIds = [...new Set(q.groupIds)];
    const groups = await this.dataSource.query<{ id: string; path: string }[]>(
      `SELECT g.id, n.path FROM citizen_group g JOIN jurisdiction_node n ON n.id = g.jurisdiction_node_id WHERE g.id = ANY($1::uuid[])`,
      [groupIds],
    );
    for (const id of groupIds) {
      const g = groups.find((x) => x.id === id);
      if (!g) throw new NotFoundError(`group ${id}`);
      assertCovers(q.officer, g.path, `group ${id}`);
    }
    const rows = await this.dataSource.query<
      { channel: ChannelName; language: string; n: number; outside_window: number }[]
    >(
      `SELECT cp.channel, c.language, count(*)::int AS n,
              count(*) FILTER (WHERE cp.last_inbound_at IS NULL OR cp.last_inbound_at < now() - interval '24 hours')::int AS outside_window
         FROM (SELECT DISTINCT citizen_id FROM membership WHERE group_id = ANY($1::uuid[]) AND status = 'active') a
         JOIN citizen c ON c.id = a.citizen_id AND c.opted_out_at IS NULL
         JOIN LATERAL (SELECT channel, last_inbound_at FROM contact_point
                        WHERE citizen_id = c.id AND active AND opted_out_at IS NULL
                        ORDER BY preferred DESC, created_at LIMIT 1) cp ON true
        GROUP BY cp.channel, c.language`,
      [groupIds],
    );
    const byChannel: Record<string, number> = {};
    const byLanguage: Record<string, number> = {};
    let outsideWindow = 0;
    for (const r of rows) {
      byChannel[r.channel] = (byChannel[r.channel] ?? 0) + r.n;
      byLanguage[r.language] = (byLanguage[r.language] ?? 0) + r.n;
      if (r.channel === 'whatsapp') outsideWindow += r.outside_window;
    }
    const recipients = Object.values(byChannel).reduce((a, b) => a + b, 0);
    const seg = smsSegments(renderBody(q.body));
    const smsCount = byChannel.sms ?? 0;
    const [{ sent }] = await this.dataSource.query<{ sent: number }[]>(
      `SELECT count(DISTINCT citizen_id)::int AS sent FROM delivery
        WHERE channel = 'whatsapp' AND status IN ('sent', 'delivered', 'read') AND updated_at > now() - interval '24 hours'`,
    );
    const waCount = byChannel.whatsapp ?? 0;
    const channelsOff = Object.keys(byChannel).filter((c) => !this.channels.get(c as ChannelName));
    const seconds = Object.entries(byChannel).map(
      ([c, n]) => n / (this.channels.get(c as ChannelName)?.capabilities.ratePerSecond ?? Infinity),
    );
    const path = commonPath(groups.map((g) => g.path));
    const [scope] = path
      ? await this.dataSource.query<{ level: string }[]>(`SELECT level FROM jurisdiction_node WHERE path = $1`, [path])
      : [];
    const rules = await this.dataSource.query<ContentRule[]>(`SELECT kind, pattern, reason FROM content_rule`);
    return {
      recipients,
      byChannel,
      byLanguage,
      sms: {
        encoding: seg.encoding,
        segmentsPerMessage: seg.segments,
        totalSegments: seg.segments * smsCount,
        estimatedCostInr: Math.round(seg.segments * smsCount * this.config.SMS_COST_PER_SEGMENT_PAISE) / 100,
      },
      whatsapp: {
        recipients: waCount,
        outsideWindow,
        needsTemplate: outsideWindow > 0 && !q.forms.whatsappTemplate,
        dailyLimit: this.config.WHATSAPP_DAILY_LIMIT,
        sentLast24h: sent,
        withinLimit: sent + waCount <= this.config.WHATSAPP_DAILY_LIMIT,
      },
      estimatedSeconds: Math.ceil(Math.max(0, ...seconds.filter(Number.isFinite))),
      channelsOff,
      needsApproval:
        recipients > this.config.BROADCAST_APPROVAL_THRESHOLD ||
        !scope ||
        !['station', 'locality'].includes(scope.level),
      contentViolation: checkContent(q.body, rules),
    };
  }
}
