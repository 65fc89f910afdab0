import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;
export const MIN_PASSWORD_SCORE = 3;

// zxcvbn-ts with its common-password, name and keyboard-pattern dictionaries; built once (it is not cheap).
let zxcvbn: ZxcvbnFactory | undefined;
const strength = (password: string, userInputs: string[]) =>
  (zxcvbn ??= new ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs })).check(
    password,
    userInputs,
  );

const SEQUENCE = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** True when the password is one run of consecutive characters forwards or backwards (`123456789012`, `cba987`). */
function isSequence(p: string): boolean {
  const s = p.toLowerCase();
  const steps = [...s].slice(1).map((c, i) => SEQUENCE.indexOf(c) - SEQUENCE.indexOf(s[i]));
  return steps.every((d) => Math.abs(d) === 1 || d === -9 || d === 9 || d === 35 || d === -35);
}

/**
 * Why a password is refused (Hindi and English), or null. Length first (an auditor's first question), then what
 * makes a long password weak: few distinct characters (`aaaaaaaaaaaa`, twelve spaces), a sequence, and anything
 * zxcvbn-ts scores below 3 (common passwords, dictionary words with l33t, keyboard walks, and the officer's own
 * username and name, which it is given as words to discount).
 */
export function passwordProblem(password: string, personal: string[] = []): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `password must be at least ${MIN_PASSWORD_LENGTH} characters / पासवर्ड कम से कम ${MIN_PASSWORD_LENGTH} अक्षरों का हो`;
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return `password must be at most ${MAX_PASSWORD_LENGTH} characters / पासवर्ड ${MAX_PASSWORD_LENGTH} अक्षरों से लंबा न हो`;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(password)) {
    return 'password must not contain control characters / पासवर्ड में नियंत्रण अक्षर न हों';
  }
  if (password.trim().length < MIN_PASSWORD_LENGTH || new Set(password).size < 5) {
    return 'password repeats too few characters / पासवर्ड में बहुत कम अलग-अलग अक्षर हैं';
  }
  if (isSequence(password)) return 'password is a sequence / पासवर्ड एक क्रम है (जैसे 123456…)';
  const own = personal.filter((p) => p.length >= 3);
  if (strength(password, own).score < MIN_PASSWORD_SCORE) {
    return 'password is too easy to guess (common words, patterns or your own name) / पासवर्ड अनुमान लगाने में आसान है (आम शब्द, पैटर्न या आपका नाम)';
  }
  return null;
}
