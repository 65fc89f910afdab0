import { describe, expect, it } from 'vitest';
import { assertMoveAllowed, assertWithinScope, NodeMove, withinScope } from './jurisdiction-node';

const move = (oldPath: string, newPath: string): NodeMove => ({
  ord: 4,
  code: 'SAM-ROSERA',
  id: 'r',
  parentId: 'p',
  oldPath,
  newPath,
});

describe('a node within an officer’s reach', () => {
  it.each([
    ['a state-wide officer reaches everything', '/s/d/', null, true],
    ['the officer’s own node', '/s/d/', '/s/d/', true],
    ['a node below it', '/s/d/st/', '/s/d/', true],
    ['the node above it', '/s/', '/s/d/', false],
    ['a sibling', '/s/e/', '/s/d/', false],
  ])('%s', (_, nodePath, scope, expected) => {
    expect(withinScope(nodePath, scope)).toBe(expected);
    if (expected) expect(() => assertWithinScope('X', nodePath, scope)).not.toThrow();
    else expect(() => assertWithinScope('X', nodePath, scope)).toThrow(/X is outside your jurisdiction/);
  });
});

describe('moving a node', () => {
  it.each([
    ['to another district', '/s/a/r/', '/s/b/r/', null],
    ['to the root', '/s/a/r/', '/r/', null],
    ['under its own child', '/s/a/r/', '/s/a/r/c/r/', /row 5: SAM-ROSERA cannot move under its own subtree/],
  ])('%s', (_, oldPath, newPath, error) => {
    if (error) expect(() => assertMoveAllowed(move(oldPath, newPath))).toThrow(error);
    else expect(() => assertMoveAllowed(move(oldPath, newPath))).not.toThrow();
  });
});
