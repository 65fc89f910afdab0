import { randomInt } from 'node:crypto';

/** How long a link code works: long enough to pick up the other phone, short enough that guessing is pointless. */
export const LINK_CODE_TTL_MINUTES = 15;

/**
 * A one-time code that links a second contact point to a citizen: eight digits (a keypad types them), random, and
 * stored only as a keyed hash. Guessing one of the few live codes among 10^8 within minutes is not practical.
 */
export function newLinkCode(): string {
  return String(randomInt(10_000_000, 100_000_000));
}

/**
 * Wrong LINK codes one contact point may send in a clock hour; after that every LINK <code> from it, right or
 * wrong, gets the cool-down reply until the hour is over. 5 guesses of 10^8 an hour makes guessing pointless.
 */
export const LINK_GUESSES_PER_HOUR = 5;
