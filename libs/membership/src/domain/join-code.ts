import { randomInt } from 'node:crypto';

/**
 * A join code a feature-phone user can type: six digits, no letters (no multi-tap, no O/0 or I/1 confusion).
 * A million codes cover every locality group in the state many times over; codes are not secrets.
 */
export function newJoinCode(): string {
  return String(randomInt(100000, 1000000));
}

/** "482 193": easier to read off a poster and to type; the parser ignores the space. */
export function formatJoinCode(code: string): string {
  return code.length === 6 ? `${code.slice(0, 3)} ${code.slice(3)}` : code;
}
