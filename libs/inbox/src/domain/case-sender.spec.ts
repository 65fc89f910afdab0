import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FieldCipher } from '@jansetu/platform';
import { SenderContact, caseSender } from './case-sender';
import { CaseRow } from './case-view';
import { SenderLink } from './sender-link';

const linkCipher = new FieldCipher('k1', { k1: randomBytes(32).toString('base64') });
const link: SenderLink = { citizenId: 'c-1', contactPointId: 'cp-1', channel: 'sms', address: '+919800000001' };
const sealed = linkCipher.encrypt(JSON.stringify(link));
const row = (contactPointId: string | null, senderSealed: string | null): CaseRow => ({
  id: 'case-1',
  case_number: '7',
  node_id: 'n-1',
  jurisdiction_path: '/br/',
  citizen_id: contactPointId ? 'c-1' : null,
  contact_point_id: contactPointId,
  sender_sealed: senderSealed,
  sender_key: 'k',
  pseudonym: 'T-ABCDEFGH',
  channel: 'sms',
  status: 'new',
  anonymous: false,
  reveal_sealed: null,
});
const contact = (active: boolean): SenderContact => ({
  contactPointId: 'cp-1',
  channel: 'whatsapp',
  addressSealed: 'sealed-address',
  language: 'hi',
  active,
  citizenPseudonym: 'N-1',
});

describe('where a case’s sender is reached', () => {
  it.each<[string, CaseRow, SenderContact | undefined, 'contact' | 'sealed' | 400]>([
    ['a named member on an active contact point', row('cp-1', null), contact(true), 'contact'],
    ['a named member whose contact point was closed', row('cp-1', null), contact(false), 400],
    ['a named member whose contact point is gone', row('cp-1', null), undefined, 400],
    ['an anonymous or non-member case', row(null, sealed), undefined, 'sealed'],
    ['a contact point closed but a sealed link kept', row('cp-1', sealed), contact(false), 'sealed'],
    ['a contact found for a case that no longer points at it', row(null, null), contact(true), 400],
    ['an erased sender', row(null, null), undefined, 400],
  ])('%s → %s', (_label, r, c, expected) => {
    if (expected === 400) {
      expect(() => caseSender(r, c, linkCipher)).toThrow(expect.objectContaining({ status: 400 }));
    } else {
      expect(caseSender(r, c, linkCipher).kind).toBe(expected);
    }
  });

  it('gives the contact point’s channel and sealed address, or the opened link', () => {
    expect(caseSender(row('cp-1', null), contact(true), linkCipher)).toEqual({
      kind: 'contact',
      contactPointId: 'cp-1',
      channel: 'whatsapp',
      addressSealed: 'sealed-address',
      citizenPseudonym: 'N-1',
    });
    expect(caseSender(row(null, sealed), undefined, linkCipher)).toEqual({ kind: 'sealed', link });
  });
});
