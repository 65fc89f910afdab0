import { describe, expect, it } from 'vitest';
import { redactDigits } from './logging';

describe('redactDigits', () => {
  it('masks phone numbers and chat ids in free text', () => {
    expect(redactDigits('send to +91 98765 43210 failed')).toBe('send to [redacted-number] failed');
    expect(redactDigits('chat 5123456789 blocked the bot')).toBe('chat [redacted-number] blocked the bot');
  });

  it('leaves short numbers, counts and ids alone', () => {
    expect(redactDigits('broadcast 42: 300000 sent in 12 s')).toBe('broadcast 42: 300000 sent in 12 s');
    expect(redactDigits('join code 482193')).toBe('join code 482193');
  });
});
