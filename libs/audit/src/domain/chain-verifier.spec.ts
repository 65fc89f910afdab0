import { describe, expect, it } from 'vitest';
import { AuditEvent, GENESIS_HASH, hashAuditEvent } from './audit-event';
import { AuditChainVerifier, parseAuditLine, PURGE_EVENT_TYPE } from './chain-verifier';

function chain(chainId: string, n: number, extra: Partial<AuditEvent> = {}): AuditEvent[] {
  const events: AuditEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const unsigned = {
      id: `${chainId}-${i}`,
      chainId,
      chainSeq: i,
      type: 'broadcast.messages_sent',
      occurredAt: new Date(Date.UTC(2026, 10, 28, 10, i)).toISOString(),
      actor: { kind: 'system' as const, officerId: null, role: null },
      jurisdictionPath: '/bihar/patna/',
      subject: { broadcastId: chainId },
      body: { outcomes: [{ pseudonym: `N-${i}`, channel: 'sms', status: 'sent' }] },
      prevHash,
      ...extra,
    };
    const event = { ...unsigned, hash: hashAuditEvent(unsigned) };
    events.push(event);
    prevHash = event.hash;
  }
  return events;
}

function purgeRecord(anchors: { chainId: string; throughSeq: number; throughHash: string }[]): AuditEvent {
  const unsigned = {
    id: 'purge-1',
    chainId: 'audit:retention',
    chainSeq: 1,
    type: PURGE_EVENT_TYPE,
    occurredAt: '2027-12-01T00:00:00.000Z',
    actor: { kind: 'officer' as const, officerId: 'hq', role: 'hq_admin' },
    jurisdictionPath: null,
    subject: {},
    body: { retentionDays: 365, chains: anchors.map((a) => ({ ...a, purged: a.throughSeq })) },
    prevHash: GENESIS_HASH,
  };
  return { ...unsigned, hash: hashAuditEvent(unsigned) };
}

function verify(events: AuditEvent[], options = {}) {
  const verifier = new AuditChainVerifier(options);
  for (const e of events) verifier.add(e);
  return verifier.finish();
}

describe('verifying a stream of audit events (the script and the API share this)', () => {
  it('holds for interleaved chains, skipping the copies a relay retry published again', () => {
    const a = chain('broadcast:a', 3);
    const b = chain('broadcast:b', 2);
    const topic = [a[0], b[0], a[1], a[0], a[1], b[1], a[2]];
    expect(verify(topic)).toMatchObject({ ok: true, checkedEvents: 5, chains: 2, repeatedCopies: 2, breaks: [] });
  });

  it('accepts a chain whose events arrive out of order, as long as none is missing', () => {
    const [e1, e2, e3] = chain('broadcast:a', 3);
    expect(verify([e3, e1, e2])).toMatchObject({ ok: true, checkedEvents: 3 });
  });

  it('names the edited event', () => {
    const events = chain('broadcast:a', 4);
    events[2] = { ...events[2], body: { outcomes: [{ pseudonym: 'N-3', channel: 'sms', status: 'failed' }] } };
    expect(verify(events).firstBreak).toEqual({
      chainId: 'broadcast:a',
      chainSeq: 3,
      eventId: 'broadcast:a-3',
      reason: 'content does not match its hash (edited)',
    });
  });

  it('names the link after a removed event, in the store and on the topic alike', () => {
    const events = chain('broadcast:a', 4);
    events.splice(1, 1);
    for (const ordered of [true, false]) {
      expect(verify(events, { ordered })).toMatchObject({
        ok: false,
        firstBreak: { chainSeq: 3, reason: 'expected sequence 2 (an event is missing)' },
      });
    }
  });

  it('catches a re-hashed forgery through the link that follows it', () => {
    const events = chain('broadcast:a', 3);
    const forged = { ...events[1], body: { outcomes: [] } };
    events[1] = { ...forged, hash: hashAuditEvent(forged) };
    expect(verify(events).firstBreak).toMatchObject({ chainSeq: 3, reason: expect.stringContaining('prev_hash') });
  });

  it('refuses a second, different event under an id already seen', () => {
    const events = chain('broadcast:a', 2);
    const impostor = { ...events[1], body: { outcomes: [] } };
    expect(verify([...events, impostor]).firstBreak).toMatchObject({
      chainSeq: 2,
      reason: `a second, different event carries the id ${events[1].id}`,
    });
  });

  it('names the first break in chain order, whatever order the chains came in', () => {
    const a = chain('broadcast:a', 2);
    const b = chain('broadcast:b', 2);
    a[1] = { ...a[1], type: 'broadcast.cancelled' };
    b[1] = { ...b[1], type: 'broadcast.cancelled' };
    expect(verify([...b, ...a])).toMatchObject({ brokenChains: 2, firstBreak: { chainId: 'broadcast:a' } });
  });

  it('verifies a chain whose beginning a retention purge removed, from the hash the purge recorded', () => {
    const events = chain('broadcast:a', 5);
    const kept = events.slice(2);
    const anchor = { chainId: 'broadcast:a', throughSeq: 2, throughHash: events[1].hash };
    expect(verify([...kept, purgeRecord([anchor])])).toMatchObject({ ok: true, anchoredChains: 1 });
    expect(verify(kept, { ordered: true, anchors: [anchor] })).toMatchObject({ ok: true, anchoredChains: 1 });
    // Without the purge's record, the missing beginning is a break...
    expect(verify(kept).firstBreak).toMatchObject({ chainSeq: 3, reason: 'expected sequence 1 (an event is missing)' });
    // ...and a record with another hash does not cover for removed events.
    const wrong = { ...anchor, throughHash: events[0].hash };
    expect(verify([...kept, purgeRecord([wrong])]).firstBreak).toMatchObject({
      chainSeq: 3,
      reason: expect.stringContaining('prev_hash'),
    });
  });

  it('takes each chain from where the input begins when told the topic was trimmed', () => {
    const kept = chain('broadcast:a', 5).slice(2);
    expect(verify(kept, { acceptFirstSeen: true })).toMatchObject({ ok: true, unanchoredStarts: 1 });
  });
});

describe('reading a line of kcat or export output', () => {
  const [event] = chain('broadcast:a', 1);

  it('unwraps the bus envelope and accepts a bare event', () => {
    const envelope = { id: event.id, topic: 'jansetu.audit.v1', key: event.chainId, type: event.type, payload: event };
    expect(parseAuditLine(JSON.stringify(envelope))).toEqual(event);
    expect(parseAuditLine(JSON.stringify(event))).toEqual(event);
    expect(parseAuditLine('   ')).toBeNull();
  });

  it('refuses what is not an audit event', () => {
    expect(() => parseAuditLine('% Reached end of topic')).toThrow();
    expect(() => parseAuditLine('{"id":"x","payload":{"foo":1}}')).toThrow(/not an audit event/);
  });
});
