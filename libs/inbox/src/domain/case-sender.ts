import { FieldCipher, ValidationError } from '@jansetu/platform';
import { EntityManager } from 'typeorm';
import { CaseRow } from './case-view';
import { SenderLink } from './sender-link';

/** Where a case's sender can be reached: their stored contact point, or the sealed link of anonymous/non-member cases. */
export type CaseSender =
  | { kind: 'contact'; contactPointId: string; channel: string; addressSealed: string; citizenPseudonym: string }
  | { kind: 'sealed'; link: SenderLink };

/** Throws when the citizen erased their data: nobody can reach or reveal them any more. */
export async function caseSender(m: EntityManager, row: CaseRow, linkCipher: FieldCipher): Promise<CaseSender> {
  if (row.contact_point_id) {
    const [cp] = await m.query<{ channel: string; address_ciphertext: string; active: boolean; pseudonym: string }[]>(
      `SELECT cp.channel, cp.address_ciphertext, cp.active, c.pseudonym
         FROM contact_point cp JOIN citizen c ON c.id = cp.citizen_id WHERE cp.id = $1`,
      [row.contact_point_id],
    );
    if (cp?.active) {
      return {
        kind: 'contact',
        contactPointId: row.contact_point_id,
        channel: cp.channel,
        addressSealed: cp.address_ciphertext,
        citizenPseudonym: cp.pseudonym,
      };
    }
  }
  if (row.sender_sealed)
    return { kind: 'sealed', link: JSON.parse(linkCipher.decrypt(row.sender_sealed)) as SenderLink };
  throw new ValidationError(
    'the sender erased their contact data or closed this channel / नागरिक का संपर्क मिटाया या बंद हो चुका है',
  );
}
