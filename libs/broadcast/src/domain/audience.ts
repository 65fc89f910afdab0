import { coversNode, OfficerPrincipal } from '@jansetu/identity';
import { Level, Levels } from '@jansetu/jurisdiction';
import { ForbiddenError, NotFoundError, ValidationError } from '@jansetu/platform';

/**
 * A jurisdiction subtree as an audience: every open group attached to the node or below it; with `level`, only the
 * groups attached to nodes of that level (all village groups under a district: `{ nodeId: <district>, level:
 * 'locality' }`).
 */
export interface JurisdictionAudience {
  nodeId: string;
  level: Level | null;
}

/** What a broadcast is addressed to, as the author said it; resolved to groups and citizens when materialised. */
export interface AudienceDefinition {
  groupIds: string[];
  jurisdictions: JurisdictionAudience[];
}

/** The definition without repeats; a list of ids alone is a list of groups (the API before jurisdictions). */
export function audienceOf(input: string[] | Partial<AudienceDefinition>): AudienceDefinition {
  const def = Array.isArray(input) ? { groupIds: input } : input;
  const groupIds = [...new Set(def.groupIds ?? [])];
  const seen = new Set<string>();
  const jurisdictions: JurisdictionAudience[] = [];
  for (const j of def.jurisdictions ?? []) {
    const level = j.level ?? null;
    if (level !== null && !Levels.includes(level)) throw new ValidationError(`unknown level ${String(level)}`);
    const key = `${j.nodeId}:${level ?? ''}`;
    if (!seen.has(key)) jurisdictions.push({ nodeId: j.nodeId, level });
    seen.add(key);
  }
  if (!groupIds.length && !jurisdictions.length) {
    throw new ValidationError('the audience is empty: name groups or jurisdictions / कोई समूह या क्षेत्र नहीं चुना गया');
  }
  return { groupIds, jurisdictions };
}

/**
 * A level filter names a level at or below its node's: "the districts under a station" is a mistake, not an
 * empty audience.
 */
export function assertLevelBelow(nodeCode: string, nodeLevel: string, level: Level | null): void {
  if (level === null) return;
  if (Levels.indexOf(level) < Levels.indexOf(nodeLevel as Level)) {
    throw new ValidationError(
      `${nodeCode} is a ${nodeLevel}: it has no ${level} below it / ${nodeCode} के नीचे कोई ${level} नहीं है`,
    );
  }
}

/**
 * Checks an audience against what exists and the officer's reach, and returns the jurisdiction paths it covers
 * (their common ancestor is the broadcast's scope). A group outside the officer's reach answers as a missing one (a
 * group id tells nothing of other stations); a jurisdiction outside it is refused with the reason (403), since the
 * tree is no secret. With `openOnly`, a closed group named by id is refused (creating); the preview counts it as
 * empty.
 */
export function checkAudience(
  officer: OfficerPrincipal,
  audience: AudienceDefinition,
  groups: { id: string; path: string; status: string }[],
  nodes: { id: string; code: string; path: string; level: string }[],
  openOnly: boolean,
): string[] {
  const paths: string[] = [];
  for (const id of audience.groupIds) {
    const group = groups.find((g) => g.id === id);
    if (!group || !coversNode(officer, group.path)) throw new NotFoundError(`group ${id}`);
    if (openOnly && group.status !== 'open') throw new ValidationError(`group ${id} is closed`);
    paths.push(group.path);
  }
  for (const j of audience.jurisdictions) {
    const node = nodes.find((n) => n.id === j.nodeId);
    if (!node) throw new NotFoundError(`jurisdiction ${j.nodeId}`);
    if (!coversNode(officer, node.path)) {
      throw new ForbiddenError(
        `jurisdiction ${node.code} is outside your jurisdiction: you may address only your own area / ` +
          `क्षेत्र ${node.code} आपके क्षेत्राधिकार से बाहर है: आप केवल अपने क्षेत्र को संदेश भेज सकते हैं`,
      );
    }
    assertLevelBelow(node.code, node.level, j.level);
    paths.push(node.path);
  }
  return paths;
}
