import { describe, expect, it } from 'vitest';
import { checkContent, ContentRule, linkDomains } from './content-rules';

const rules: ContentRule[] = [
  { kind: 'blocked_term', pattern: 'bjp', reason: 'party name' },
  { kind: 'blocked_term', pattern: 'जिंदाबाद', reason: 'slogan' },
  { kind: 'blocked_term', pattern: 'offer', reason: 'advertising' },
  { kind: 'allowed_link_domain', pattern: 'gov.in', reason: 'government' },
];

describe('checkContent', () => {
  it('passes an ordinary police message with a government link', () => {
    expect(
      checkContent(
        { hi: 'साइबर ठगी की शिकायत cybercrime.gov.in पर करें', en: 'Report fraud at https://cybercrime.gov.in' },
        rules,
      ),
    ).toBeNull();
  });

  it.each([
    [{ hi: 'BJP को वोट दें' }, /"bjp"/],
    [{ hi: 'पुलिस जिंदाबाद' }, /"जिंदाबाद"/],
    [{ hi: 'सूचना', en: 'Special OFFER today' }, /"offer"/],
    [{ hi: 'यहाँ देखें www.cheap-loans.com/apply' }, /cheap-loans\.com/],
    [{ hi: 'देखें http://gov.in.evil.com' }, /gov\.in\.evil\.com/],
  ])('refuses %j with a reason', (body, reason) => {
    expect(checkContent(body, rules)).toMatch(reason);
  });

  it('matches Latin terms as whole words only', () => {
    expect(checkContent({ hi: 'थाना प्रभारी', en: 'Contact the officer on duty' }, rules)).toBeNull();
  });

  it('finds domains with and without a scheme', () => {
    expect(linkDomains('a https://x.gov.in/p b www.y.com c z.org/q')).toEqual(['x.gov.in', 'y.com', 'z.org']);
  });
});
