import { createHash, randomInt } from 'node:crypto';
import { Role } from './role';

/** What a login needs after the password, given the role and the officer's enrolment. */
export type SecondFactorNeed = 'none' | 'code' | 'enrolment';

export function secondFactorNeed(role: Role, enrolled: boolean, requiredRoles: readonly string[]): SecondFactorNeed {
  if (enrolled) return 'code';
  return requiredRoles.includes(role) ? 'enrolment' : 'none';
}

/** A TOTP code is accepted once: only a time step later than the last one accepted. */
export const stepIsFresh = (step: number, lastStep: number | null): boolean => lastStep === null || step > lastStep;

// Recovery codes: 10 of 10 characters from an alphabet without look-alikes (≈ 50 bits each), shown once.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const RECOVERY_CODE_COUNT = 10;
export const newRecoveryCodes = (): string[] =>
  Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const c = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return `${c.slice(0, 5)}-${c.slice(5)}`;
  });
/** Case, spaces and dashes do not matter when a recovery code is typed back. */
export const recoveryCodeHash = (code: string): Buffer =>
  createHash('sha256').update(code.toLowerCase().replace(/[\s-]/g, '')).digest();
