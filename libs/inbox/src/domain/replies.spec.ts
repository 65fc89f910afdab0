import { describe, expect, it } from 'vitest';
import { smsSegments } from '@jansetu/channels';
import { CitizenLanguages } from '@jansetu/platform';
import { InboxReplies } from './replies';
import { INBOX_REPLY_TEXTS } from './reply-texts';

const cases = CitizenLanguages.flatMap((l) =>
  (
    [
      ['received', InboxReplies.received(l, 1234567), 2],
      ['receivedAnonymous', InboxReplies.receivedAnonymous(l, 1234567), 4],
      ['emergency', InboxReplies.emergency(l), 2],
      ['greeting', InboxReplies.greeting(l), 2],
      ['notMember', InboxReplies.notMember(l, 1234567), 2],
      ['rateLimited', InboxReplies.rateLimited(l), 2],
    ] as const
  ).map(([name, text, budget]) => [l, name, text, budget] as const),
);

describe('inbox replies', () => {
  it.each(cases)('%s %s fits its SMS budget', (_, __, text, budget) => {
    expect(smsSegments(text).segments).toBeLessThanOrEqual(budget);
  });

  it.each(['bho', 'mai', 'mag', 'ur'])('%s has its own 112 advice and tip acknowledgement', (l) => {
    expect(INBOX_REPLY_TEXTS[l as 'ur']?.emergency).toContain('112');
    expect(INBOX_REPLY_TEXTS[l as 'ur']?.received).toContain('{{case}}');
    expect(InboxReplies.emergency(l)).not.toBe(InboxReplies.emergency('hi'));
  });

  it('sends one language, never Hindi and English together', () => {
    expect(InboxReplies.emergency('hi')).not.toMatch(/Dial/);
    expect(InboxReplies.emergency('en')).toBe('JanSetu: Emergency? Dial 112 now! Your message was sent to the police.');
  });
});
