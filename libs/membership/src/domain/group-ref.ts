import { assertInReach, OfficerPrincipal } from '@jansetu/identity';
import { ForbiddenError, NotFoundError, ValidationError } from '@jansetu/platform';

/** A group with the jurisdiction node it hangs on, as officers and join material need it. */
export interface GroupRef {
  id: string;
  name: string;
  language: 'hi' | 'en';
  joinCode: string;
  status: 'open' | 'closed';
  path: string;
  jurisdiction: { code: string; level: string; nameEn: string; nameHi: string };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A group id as an officer sent it: 400 unless it is a UUID (checked before any lookup). */
export function assertGroupId(groupId: string): void {
  if (!UUID.test(groupId)) throw new ValidationError('group id must be a UUID');
}

/** The group an officer asked for: 404 when there is none or it lies outside the officer's jurisdiction. */
export function groupInReach(officer: OfficerPrincipal, groupId: string, group: GroupRef | null): GroupRef {
  if (!group) throw new NotFoundError(`group ${groupId}`);
  assertInReach(officer, group.path, `group ${groupId}`);
  return group;
}

/**
 * The subtree a group listing covers when an officer scoped to `scopePath` (null: state-wide) asks for the node
 * `node`: a node within reach narrows the listing, a node above the officer's own narrows nothing, and a node
 * beside it is someone else's (403).
 */
export function listingScope(scopePath: string | null, node: { code: string; path: string }): string | null {
  if (scopePath === null || node.path.startsWith(scopePath)) return node.path;
  if (scopePath.startsWith(node.path)) return scopePath;
  const code = node.code;
  throw new ForbiddenError(`jurisdiction ${code} is outside your jurisdiction / ${code} आपके क्षेत्राधिकार से बाहर है`);
}
