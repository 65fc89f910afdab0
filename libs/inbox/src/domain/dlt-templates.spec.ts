import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DltTemplateCatalogue, matchesDltTemplate, readDltTemplateFile } from '@jansetu/channels';
import { Replies } from '@jansetu/membership';
import { CitizenLanguages } from '@jansetu/platform';
import { InboxReplies } from './replies';

// The register JanSetu ships (config/dlt-templates.example.json): every automatic text must go out under one of them.
const shipped = readDltTemplateFile(resolve(import.meta.dirname, '../../../../config/dlt-templates.example.json'));
const catalogue = new DltTemplateCatalogue(shipped);

// A usual name and the longest a group may have (80 characters, the API's limit).
const names = ['मुफस्सिल जनसेतु', 'मुफस्सिल थाना जनसेतु समूह, समस्तीपुर ज़िला, रोसड़ा अनुमंडल, बिहार पुलिस का आधिकारिक सं'.slice(0, 80)];
const many = Array.from({ length: 12 }, (_, i) => ({ name: `समूह संख्या ${i + 1}`, joinCode: String(100000 + i) }));

const texts = (l: string, group: string): [string, string][] => [
  ['joined', Replies.joined(l, group)],
  ['alreadyMember', Replies.alreadyMember(l, group)],
  ['unknownCode', Replies.unknownCode(l, 'ABC12345')],
  ['groupClosed', Replies.groupClosed(l, group)],
  ['left', Replies.left(l, group)],
  ['notInGroup', Replies.notInGroup(l, '482193')],
  ['notMember', Replies.notMember(l)],
  ['whichGroup', Replies.whichGroup(l, [{ name: group, joinCode: '482193' }])],
  ['myGroups', Replies.myGroups(l, [{ name: group, joinCode: '482193' }])],
  ['myGroups (twelve groups)', Replies.myGroups(l, many)],
  ['stopped', Replies.stopped(l)],
  ['help', Replies.help(l)],
  ['languageSet', Replies.languageSet(l as 'hi')],
  ['linkCode', Replies.linkCode(l, '48213907', 15)],
  ['linkCooldown', Replies.linkCooldown(l, 60)],
  ['linkInvalid', Replies.linkInvalid(l)],
  ['linkSameContact', Replies.linkSameContact(l)],
  ['linked', Replies.linked(l)],
  ['alreadyLinked', Replies.alreadyLinked(l)],
  ['preferred', Replies.preferred(l)],
  ['erased', Replies.erased(l)],
  ['tip received', InboxReplies.received(l, 123456)],
  ['anonymous tip received', InboxReplies.receivedAnonymous(l, 123456)],
  ['112 advice', InboxReplies.emergency(l)],
  ['greeting', InboxReplies.greeting(l)],
  ['not a member', InboxReplies.notMember(l, 123456)],
  ['rate limited', InboxReplies.rateLimited(l)],
  ['officer reply', InboxReplies.officer(l, 123456, 'कल सुबह थाने आइए।')],
];
const cases = CitizenLanguages.flatMap((l) => names.flatMap((g) => texts(l, g).map(([name, text]) => [l, name, text])));

describe('the shipped DLT template register', () => {
  it.each(cases)('%s %s goes out under a registered template', (_, __, text) => {
    const plan = catalogue.plan(text);
    expect(plan).toMatchObject({ ok: true, parts: [{ text }] });
  });

  it('carries an officer reply of 500 characters in parts that each match the reply template', () => {
    const words = 'आपकी सूचना पर थाना प्रभारी ने जाँच शुरू कर दी है, कृपया धैर्य रखें। '.repeat(8).slice(0, 500);
    const plan = catalogue.plan(InboxReplies.officer('hi', 42, words));
    if (!plan.ok) throw new Error(plan.reason);
    const reply = shipped.find((t) => t.key === 'inbox.officer' && t.language === 'hi')!;
    expect(plan.parts.length).toBe(5);
    for (const part of plan.parts) {
      expect(part.templateId).toBe(reply.id);
      expect(matchesDltTemplate(reply.text, part.text)).toBe(true);
    }
  });

  it('has one id per template and Hindi and English for every catalogue key', () => {
    expect(new Set(shipped.map((t) => t.id)).size).toBe(shipped.length);
    // Rumour-check answers and case alerts are one text in both languages ('hi+en').
    const keys = new Set(shipped.filter((t) => t.language !== 'hi+en').map((t) => t.key));
    for (const key of keys) {
      const langs = shipped.filter((t) => t.key === key).map((t) => t.language);
      expect(langs, String(key)).toEqual(expect.arrayContaining(['hi', 'en']));
    }
  });
});
