import { describe, expect, it } from 'vitest';
import { fold, words } from './fold';

describe('fold', () => {
  it.each([
    ['STOPP', 'stop'],
    ['जुड़ें', 'जुडें'],
    ['मिटाएँ', 'मिटाएं'],
    ['बं\u200dद', 'बंद'],
    ['१२३४', '1234'],
    ['Chhodo', 'chodo'],
  ])('%s → %s', (text, folded) => expect(fold(text)).toBe(folded));

  it('splits into folded words without punctuation or emoji', () => {
    expect(words('  Hello!! 🙏 गोली   चल रही है… ')).toEqual(['helo', 'गोली', 'चल', 'रही', 'है']);
  });
});
