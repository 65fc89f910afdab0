import { describe, expect, it } from 'vitest';
import { GENESIS_HASH } from './audit-event';
import { CSV_COLUMNS, csvField, csvLine, ndjsonLine } from './audit-export';

describe('audit export formats', () => {
  it('quotes a CSV field only when it must, doubling quotes (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "STOP"')).toBe('"say ""STOP"""');
    expect(csvField('line one\r\nline two')).toBe('"line one\r\nline two"');
    expect(csvField(null)).toBe('');
    expect(csvField(3)).toBe('3');
    expect(csvField({ hi: 'बंद' })).toBe('"{""hi"":""बंद""}"');
    // Never altered to guard spreadsheets: the CSV must say exactly what the log says.
    expect(csvField('=1+1')).toBe('=1+1');
  });

  it('writes one row per event with the batch outcomes counted', () => {
    const event = {
      id: 'e1',
      chainId: 'broadcast:b1',
      chainSeq: 2,
      type: 'broadcast.messages_sent',
      occurredAt: '2026-11-28T10:00:00.000Z',
      actor: { kind: 'system' as const, officerId: null, role: null },
      jurisdictionPath: '/s/d/',
      subject: { broadcastId: 'b1' },
      body: {
        outcomes: [
          { pseudonym: 'N-1', channel: 'whatsapp', status: 'sent' },
          { pseudonym: 'N-2', channel: 'sms', status: 'failed' },
          { pseudonym: 'N-3', channel: 'sms', status: 'sent' },
        ],
      },
      prevHash: GENESIS_HASH,
      hash: 'f'.repeat(64),
    };
    const line = csvLine(event);
    expect(line.endsWith('\r\n')).toBe(true);
    const fields = line.slice(0, -2).split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    expect(fields).toHaveLength(CSV_COLUMNS.length);
    expect(fields[CSV_COLUMNS.indexOf('channels')]).toBe('sms whatsapp');
    expect(fields[CSV_COLUMNS.indexOf('outcome')]).toBe('failed=1 sent=2');
    expect(JSON.parse(ndjsonLine(event))).toEqual(event);
  });
});
