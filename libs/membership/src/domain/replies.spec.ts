import { describe, expect, it } from 'vitest';
import { smsSegments } from '@jansetu/channels';
import { Replies } from './replies';

// Usual names: a locality group of a thana, and a district group with a long name.
const group = 'मुफस्सिल जनसेतु';
const groups = [
  { name: 'मुफस्सिल जनसेतु', joinCode: '482193' },
  { name: 'समस्तीपुर जिला', joinCode: '730214' },
  { name: 'रोसड़ा अनुमंडल', joinCode: '918273' },
];

const many = Array.from({ length: 12 }, (_, i) => ({ name: `समूह संख्या ${i + 1}`, joinCode: String(100000 + i) }));

const replies: [string, string][] = [
  ['alreadyMember', Replies.alreadyMember(group)],
  ['unknownCode', Replies.unknownCode('482139')],
  ['groupClosed', Replies.groupClosed(group)],
  ['left', Replies.left(group)],
  ['notInGroup', Replies.notInGroup('482193')],
  ['notMember', Replies.notMember()],
  ['whichGroup', Replies.whichGroup(groups)],
  ['myGroups', Replies.myGroups(groups)],
  ['myGroups (twelve groups)', Replies.myGroups(many)],
  ['whichGroup (twelve groups)', Replies.whichGroup(many)],
  ['stopped', Replies.stopped()],
  ['help', Replies.help()],
  ['languageSet hi', Replies.languageSet('hi')],
  ['languageSet en', Replies.languageSet('en')],
  ['linkCode', Replies.linkCode('48213907', 15)],
  ['linkCooldown', Replies.linkCooldown(60)],
  ['linkInvalid', Replies.linkInvalid()],
  ['linkSameContact', Replies.linkSameContact()],
  ['linked', Replies.linked()],
  ['alreadyLinked', Replies.alreadyLinked()],
  ['preferred', Replies.preferred()],
];

describe('automatic replies', () => {
  it.each(replies)('%s fits two SMS parts on a feature phone', (_, text) => {
    expect(smsSegments(text).segments).toBeLessThanOrEqual(2);
  });

  it('lists what fits and counts the rest', () => {
    const text = Replies.myGroups(many);
    expect(text).toContain('(100000)');
    expect(text).toMatch(/ \+\d+\. /);
  });

  it('the consent notice fits three SMS parts and says who, what and how to leave, in Hindi and English', () => {
    const text = Replies.joined(group);
    expect(smsSegments(text).segments).toBeLessThanOrEqual(3);
    expect(text).toMatch(
      /^जनसेतु: आप [\s\S]*बिहार पुलिस[\s\S]*सूचनाएँ[\s\S]*STOP[\s\S]*Bihar Police[\s\S]*alerts[\s\S]*STOP/,
    );
  });
});
