import { ForbiddenError, ValidationError } from '@jansetu/platform';
import { Level } from './jurisdiction-row';

/** A node as other contexts refer to it: its materialised path decides who reaches it. */
export interface NodeRef {
  id: string;
  code: string;
  path: string;
  level: string;
}

export interface SubtreeNode {
  id: string;
  code: string;
  parentCode: string | null;
  level: Level;
  nameEn: string;
  nameHi: string;
}

/** Paths are `/<id>/<id>/…/`: a node lies at or below `scopePath` when its path starts with it (null: state-wide). */
export function withinScope(nodePath: string, scopePath: string | null): boolean {
  return scopePath === null || nodePath.startsWith(scopePath);
}

export function assertWithinScope(code: string, nodePath: string, scopePath: string | null): void {
  if (!withinScope(nodePath, scopePath)) {
    throw new ForbiddenError(
      `jurisdiction ${code} is outside your jurisdiction / jurisdiction ${code} आपके क्षेत्राधिकार से बाहर है`,
    );
  }
}

/** A re-parenting found by an import: the node's path before and after. */
export interface NodeMove {
  /** The row's position in the import (0-based), for the error message. */
  ord: number;
  code: string;
  id: string;
  parentId: string | null;
  oldPath: string;
  newPath: string;
}

/** A node cannot move under itself or one of its descendants: that would cut the subtree off the tree. */
export function assertMoveAllowed(mv: NodeMove): void {
  if (mv.newPath.startsWith(mv.oldPath)) {
    throw new ValidationError(`row ${mv.ord + 1}: ${mv.code} cannot move under its own subtree`);
  }
}
