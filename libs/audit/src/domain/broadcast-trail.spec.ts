import { describe, expect, it } from 'vitest';
import { AuditEvent } from './audit-event';
import { SYSTEM_ACTOR } from './audit-recorder';
import { summariseTrail } from './broadcast-trail';

const sho = { kind: 'officer' as const, officerId: 'o-sho', role: 'station_officer' };
const dm = { kind: 'officer' as const, officerId: 'o-dm', role: 'district_admin' };
let seq = 0;
const ev = (type: string, body: Record<string, unknown> = {}, actor = SYSTEM_ACTOR, subject = {}): AuditEvent => ({
  id: `e${++seq}`,
  chainId: 'broadcast:b',
  chainSeq: seq,
  type,
  occurredAt: `2026-01-01T10:00:0${seq}.000Z`,
  actor,
  jurisdictionPath: '/s/pat/',
  subject,
  body,
  prevHash: '',
  hash: '',
});
const created = ev('broadcast.created', { category: 'alert', content: { hi: 'बाढ़' }, audienceSize: 3 }, sho, {
  groupIds: ['g1'],
});
const none = { n: 0, first: null, last: null };
const base = { broadcastId: 'b', chainId: 'broadcast:b', batches: none, counts: [] };

describe('the trail of a broadcast', () => {
  it.each<[string, AuditEvent[], object]>([
    [
      'a draft: its author and words, no decision',
      [created],
      { author: sho, category: 'alert', content: { hi: 'बाढ़' }, groupIds: ['g1'], decision: null, audienceSize: 3 },
    ],
    [
      'the last decision counts, with its note',
      [
        created,
        ev('broadcast.rejected', { reason: 'facts unclear' }, dm),
        ev('broadcast.approved', { note: 'checked' }, dm),
      ],
      { decision: { type: 'broadcast.approved', actor: dm, note: 'checked' } },
    ],
    [
      'the latest audience size, and when it was cancelled',
      [created, ev('broadcast.audience_resolved', { audienceSize: 2 }), ev('broadcast.cancelled', { reason: 'x' })],
      { audienceSize: 2, cancelledAt: expect.any(String), completedAt: null },
    ],
    [
      'a trail without its created event still names its jurisdiction',
      [ev('broadcast.completed')],
      { author: null, jurisdictionPath: '/s/pat/', completedAt: expect.any(String), category: null, groupIds: [] },
    ],
  ])('%s', (_, acts, expected) => {
    expect(summariseTrail({ ...base, acts })).toMatchObject(expected);
  });

  it('adds up each recipient’s latest outcome by status, channel and kind of failure', () => {
    const trail = summariseTrail({
      ...base,
      acts: [created],
      batches: { n: 2, first: 'a', last: 'b' },
      counts: [
        { status: 'failed', channel: 'sms', failure: 'permanent', n: 1 },
        { status: 'failed', channel: 'sms', failure: 'recipient-opted-out', n: 2 },
        { status: 'failed', channel: 'whatsapp', failure: 'permanent', n: 1 },
        { status: 'sent', channel: 'sms', n: 2 },
        { status: 'sent', channel: 'whatsapp', n: 4 },
      ],
    });
    expect(trail).toMatchObject({ messageBatches: 2, firstSentAt: 'a', lastSentAt: 'b' });
    expect(trail.outcomes).toEqual({
      total: 10,
      byStatus: { failed: 4, sent: 6 },
      byChannel: { sms: { failed: 3, sent: 2 }, whatsapp: { failed: 1, sent: 4 } },
      byFailure: { permanent: 2, 'recipient-opted-out': 2 },
    });
    expect(trail.steps.map((s) => s.type)).toEqual(['broadcast.created']);
  });
});
