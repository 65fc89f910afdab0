import { FieldCipher, ValidationError } from '@jansetu/platform';
import { CaseRow } from './case-view';
import { SenderLink } from './sender-link';

/** Where a case's sender can be reached: their stored contact point, or the sealed link of anonymous/non-member cases. */
export type CaseSender =
  | { kind: 'contact'; contactPointId: string; channel: string; addressSealed: string; citizenPseudonym: string }
  | { kind: 'sealed'; link: SenderLink };

/** The contact point a named member's case points at, as membership stores it. */
export interface SenderContact {
  contactPointId: string;
  channel: string;
  addressSealed: string;
  active: boolean;
  citizenPseudonym: string;
  /** The citizen's language: an officer's answer is framed in it. */
  language: string;
}

/**
 * The contact point while it is active, else the sealed link; throws when neither is left (the citizen erased their
 * data or closed the channel): nobody can reach or reveal them any more.
 */
export function caseSender(row: CaseRow, contact: SenderContact | undefined, linkCipher: FieldCipher): CaseSender {
  if (row.contact_point_id && contact?.active) {
    return {
      kind: 'contact',
      contactPointId: row.contact_point_id,
      channel: contact.channel,
      addressSealed: contact.addressSealed,
      citizenPseudonym: contact.citizenPseudonym,
    };
  }
  if (row.sender_sealed)
    return { kind: 'sealed', link: JSON.parse(linkCipher.decrypt(row.sender_sealed)) as SenderLink };
  throw new ValidationError(
    'the sender erased their contact data or closed this channel / नागरिक का संपर्क मिटाया या बंद हो चुका है',
  );
}
