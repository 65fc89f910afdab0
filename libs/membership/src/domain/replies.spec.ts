import { describe, expect, it } from 'vitest';
import { smsSegments } from '@jansetu/channels';
import { CitizenLanguages, RLM } from '@jansetu/platform';
import { Replies } from './replies';
import { REPLY_TEXTS } from './reply-texts';

// Usual names, and the longest a group may have (80 characters, the API's limit).
const usual = 'मुफस्सिल जनसेतु';
const longest = 'मुफस्सिल थाना जनसेतु समूह, समस्तीपुर ज़िला, रोसड़ा अनुमंडल, बिहार पुलिस का आधिकारिक सं'.slice(0, 80);
const groups = [
  { name: 'मुफस्सिल जनसेतु', joinCode: '482193' },
  { name: 'समस्तीपुर जिला', joinCode: '730214' },
  { name: 'रोसड़ा अनुमंडल', joinCode: '918273' },
];
const many = Array.from({ length: 12 }, (_, i) => ({ name: `समूह संख्या ${i + 1}`, joinCode: String(100000 + i) }));

const all = (l: string, group: string): [string, string, number][] => [
  // [name, text, budget in SMS parts]
  ['joined', Replies.joined(l, group), group === usual ? 2 : 3],
  ['alreadyMember', Replies.alreadyMember(l, group), 2],
  ['unknownCode', Replies.unknownCode(l, '482139'), 2],
  ['groupClosed', Replies.groupClosed(l, group), 2],
  ['left', Replies.left(l, group), 2],
  ['notInGroup', Replies.notInGroup(l, '482193'), 2],
  ['notMember', Replies.notMember(l), 2],
  ['whichGroup', Replies.whichGroup(l, group === usual ? groups : [{ name: group, joinCode: '482193' }]), 3],
  ['myGroups', Replies.myGroups(l, group === usual ? groups : [{ name: group, joinCode: '482193' }]), 3],
  ['myGroups (twelve groups)', Replies.myGroups(l, many), 2],
  ['whichGroup (twelve groups)', Replies.whichGroup(l, many), 2],
  ['stopped', Replies.stopped(l), 2],
  ['help', Replies.help(l), 2],
  ['languageSet', Replies.languageSet(l as 'hi'), 2],
  ['linkCode', Replies.linkCode(l, '48213907', 15), 2],
  ['linkCooldown', Replies.linkCooldown(l, 60), 2],
  ['linkInvalid', Replies.linkInvalid(l), 2],
  ['linkSameContact', Replies.linkSameContact(l), 2],
  ['linked', Replies.linked(l), 2],
  ['alreadyLinked', Replies.alreadyLinked(l), 2],
  ['preferred', Replies.preferred(l), 2],
  ['erased', Replies.erased(l), 2],
];
const cases = CitizenLanguages.flatMap((l) =>
  [usual, longest].flatMap((g) => all(l, g).map(([name, text, budget]) => [l, name, g.length, text, budget] as const)),
);

describe('automatic replies', () => {
  it.each(cases)('%s %s (group name of %i characters) fits its SMS budget', (_, __, ___, text, budget) => {
    expect(smsSegments(text).segments).toBeLessThanOrEqual(budget);
  });

  it('lists what fits and counts the rest', () => {
    const text = Replies.myGroups('hi', many);
    expect(text).toContain('(100000)');
    expect(text).toMatch(/ \+\d+। /);
  });

  it('the consent notice says who, what and how to leave, in one language only', () => {
    const text = Replies.joined('hi', usual);
    expect(text).toMatch(/^जनसेतु: आप [\s\S]*बिहार पुलिस[\s\S]*सूचनाएँ[\s\S]*STOP/);
    expect(text).not.toMatch(/Police alerts/);
    expect(Replies.joined('en', usual)).toMatch(/^JanSetu \(Bihar Police\): you joined .*alerts.*STOP$/);
  });

  it.each(['bho', 'mai', 'mag', 'ur'])(
    '%s has its own consent notice, HELP, STOP and LANG answer, and falls back to Hindi for the rest',
    (l) => {
      for (const key of ['joined', 'help', 'stopped', 'languageSet'] as const) {
        expect(REPLY_TEXTS[l as 'bho']?.[key], key).toBeTruthy();
      }
      expect(Replies.joined(l, usual)).not.toBe(Replies.joined('hi', usual));
      expect(Replies.linkInvalid(l)).toBe(Replies.linkInvalid('hi'));
    },
  );

  it('an unknown language gets Hindi', () => {
    expect(Replies.help('xx')).toBe(Replies.help('hi'));
  });

  it('marks Urdu right to left, and not its Hindi fallbacks', () => {
    expect(Replies.stopped('ur').startsWith(RLM + 'جن سیتو')).toBe(true);
    expect(Replies.linkInvalid('ur').startsWith(RLM)).toBe(false);
  });
});
