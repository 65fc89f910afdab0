import { describe, expect, it } from 'vitest';
import { AuditEvent, GENESIS_HASH, hashAuditEvent, verifyChain } from './audit-event';

function chain(n: number): AuditEvent[] {
  const events: AuditEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const unsigned = {
      id: `00000000-0000-0000-0000-00000000000${i}`,
      chainId: 'broadcast:b1',
      chainSeq: i,
      type: i === 1 ? 'broadcast.created' : 'broadcast.messages_sent',
      occurredAt: `2026-11-28T10:0${i}:00.000Z`,
      actor: { kind: 'officer' as const, officerId: 'o1', role: 'station_officer' },
      jurisdictionPath: '/a/b/',
      subject: { broadcastId: 'b1' },
      body: { content: { hi: 'अफवाह झूठी है' }, n: i },
      prevHash,
    };
    const event = { ...unsigned, hash: hashAuditEvent(unsigned) };
    events.push(event);
    prevHash = event.hash;
  }
  return events;
}

describe('audit chain', () => {
  it('holds when nothing was touched', () => {
    expect(verifyChain(chain(4))).toBeNull();
  });

  it('hashes independently of key order (what jsonb storage does to objects)', () => {
    const [e] = chain(1);
    const reordered = Object.fromEntries(Object.entries(e).reverse()) as unknown as AuditEvent;
    expect(hashAuditEvent(reordered)).toBe(e.hash);
  });

  it('names the edited event', () => {
    const events = chain(4);
    events[2] = { ...events[2], body: { content: { hi: 'बदला हुआ' }, n: 3 } };
    expect(verifyChain(events)).toMatchObject({ chainSeq: 3, reason: expect.stringContaining('edited') });
  });

  it('names the gap where an event was deleted', () => {
    const events = chain(4);
    events.splice(1, 1);
    expect(verifyChain(events)).toMatchObject({ chainSeq: 3, reason: expect.stringContaining('missing') });
  });

  it('detects a re-hashed forgery through the next link', () => {
    const events = chain(3);
    const forged = { ...events[1], body: { content: { hi: 'जाली' }, n: 2 } };
    events[1] = { ...forged, hash: hashAuditEvent(forged) };
    expect(verifyChain(events)).toMatchObject({ chainSeq: 3, reason: expect.stringContaining('prev_hash') });
  });
});
