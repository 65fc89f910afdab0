import { z } from 'zod';
import { CHANNEL_NAMES, ChannelName } from '../channel-adapter.port';

/** The route of a channel's citizens outside every listed jurisdiction. */
export const DEFAULT_ROUTE = '*';

/**
 * CHANNEL_ROUTES: per channel, a jurisdiction code (district, zone, station...) → the provider or WhatsApp number
 * its citizens are sent through, with "*" for everyone else: {"whatsapp":{"PATNA":"patna","*":"meta"}}.
 */
export type ChannelRoutes = Partial<Record<ChannelName, Readonly<Record<string, string>>>>;

export const channelRoutesSetting = z
  .string()
  .transform((raw, ctx) => {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: 'must be JSON: {"whatsapp":{"<jurisdiction code>":"<number>","*":"meta"}}',
      });
      return z.NEVER;
    }
  })
  .pipe(z.partialRecord(z.enum(CHANNEL_NAMES), z.record(z.string().min(1), z.string().min(1))))
  .optional();

/** What a send knows of its recipient that a route can depend on. */
export interface RouteFacts {
  /** Codes of the recipient's jurisdiction and its ancestors, outermost first (state, district, ..., locality). */
  jurisdictionCodes?: readonly string[];
  /** The line the citizen wrote to (a named WhatsApp number): a reply goes out from it and from nothing else. */
  line?: string;
}

/**
 * The order in which one send tries a channel's lines. A reply to a citizen who wrote to a named line goes from that
 * line only. Otherwise the route of the deepest of the recipient's jurisdictions that has one (else "*") comes
 * first, then every other line in configured order: the next one takes over when the one before is down.
 */
export function orderLines<L>(
  lines: readonly L[],
  nameOf: (line: L) => string,
  routes: Readonly<Record<string, string>> | undefined,
  facts: RouteFacts = {},
): L[] {
  if (facts.line !== undefined) {
    const own = lines.find((l) => nameOf(l) === facts.line);
    if (own) return [own];
  }
  const codes = facts.jurisdictionCodes ?? [];
  const code = [...codes].reverse().find((c) => routes?.[c] !== undefined);
  const target = routes?.[code ?? DEFAULT_ROUTE];
  const first = lines.find((l) => nameOf(l) === target);
  return first ? [first, ...lines.filter((l) => l !== first)] : [...lines];
}

/** Whether a channel's routes depend on the recipient's jurisdiction (so a sender must look it up). */
export const routesByJurisdiction = (routes: Readonly<Record<string, string>> | undefined): boolean =>
  Object.keys(routes ?? {}).some((code) => code !== DEFAULT_ROUTE);
