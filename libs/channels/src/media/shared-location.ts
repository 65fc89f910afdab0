import type { InboundText } from '../channel-adapter.port';

export type SharedLocation = NonNullable<InboundText['location']>;

/**
 * A location a webhook reports, or undefined when it is not one: both coordinates finite numbers (or numeric
 * strings, as form posts carry them), latitude within ±90 and longitude within ±180. A bad pair is dropped, not an
 * error: the citizen's words still reach the core.
 */
export function sharedLocation(latitude: unknown, longitude: unknown): SharedLocation | undefined {
  const lat = coordinate(latitude);
  const lng = coordinate(longitude);
  if (lat === undefined || lng === undefined || Math.abs(lat) > 90 || Math.abs(lng) > 180) return undefined;
  return { latitude: lat, longitude: lng };
}

function coordinate(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  // Number('') is 0 and Number(' 1e2 ') is 100: only a plain decimal is a coordinate.
  if (typeof value === 'string' && /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/.test(value.trim())) {
    return Number(value.trim());
  }
  return undefined;
}

/** The words a shared place carries (its name, its address), for the core to read as the message's text. */
export function placeText(...parts: unknown[]): string {
  return parts
    .filter((p): p is string => typeof p === 'string' && p.trim() !== '')
    .map((p) => p.trim())
    .join(', ');
}
