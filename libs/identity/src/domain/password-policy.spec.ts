import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy';

describe('the password policy', () => {
  it.each<[string, string, RegExp | null]>([
    ['a long passphrase', 'correct-horse-battery-staple', null],
    ['the test password', 'a-long-test-password', null],
    ['random characters', 'Vq8#nT2!pZr4', null],
    ['eleven characters', 'Vq8#nT2!pZr', /at least 12 characters.*कम से कम 12/],
    ['twelve times one letter', 'aaaaaaaaaaaa', /too few characters/],
    ['twelve spaces', ' '.repeat(12), /too few characters/],
    ['a digit sequence', '123456789012', /sequence/],
    ['a letter sequence backwards', 'zyxwvutsrqpo', /sequence/],
    ['a common password padded', 'password1234', /too easy to guess/],
    ['a keyboard walk', 'qwertyuiop12', /too easy to guess/],
    ['the username and a year', 'sho.kotwali2026', /too easy to guess/],
    ['the username in a longer phrase', 'sho.kotwali-password', null],
    ['a NUL character', `Vq8#nT2!pZr4\u0000`, /control characters/],
    ['too long', 'Vq8#nT2!pZr4'.repeat(30), /at most 256/],
  ])('%s', (_, password, problem) => {
    const found = passwordProblem(password, ['sho.kotwali']);
    if (problem) expect(found).toMatch(problem);
    else expect(found).toBeNull();
  });
});
