import { describe, expect, it } from 'vitest';
import { parseInboxIntent } from './inbox-intent';

describe('inbox keywords', () => {
  it('drops TIP / सूचना and marks ANON / गुप्त, in either order', () => {
    expect(parseInboxIntent('TIP daru bik rahi hai')).toEqual({
      kind: 'file',
      text: 'daru bik rahi hai',
      anonymous: false,
    });
    expect(parseInboxIntent('सूचना गुप्त शराब बिकती है')).toEqual({ kind: 'file', text: 'शराब बिकती है', anonymous: true });
    expect(parseInboxIntent('anon tip: gang active')).toEqual({ kind: 'file', text: 'gang active', anonymous: true });
    expect(parseInboxIntent('Tipu Sultan chowk pe jua')).toMatchObject({
      text: 'Tipu Sultan chowk pe jua',
      anonymous: false,
    });
  });
});
