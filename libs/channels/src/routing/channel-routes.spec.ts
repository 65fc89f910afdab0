import { describe, expect, it } from 'vitest';
import { orderLines, RouteFacts, routesByJurisdiction } from './channel-routes';

// WhatsApp as a district rollout would set it up: Meta's default number, a number each for Patna and Gaya, Twilio.
const LINES = ['meta', 'patna', 'gaya', 'twilio'];
const ROUTES = { PAT: 'patna', GAYA: 'gaya', 'GAYA-TOWN': 'twilio' };
const order = (facts: RouteFacts, routes: Record<string, string> | undefined) =>
  orderLines(LINES, (l) => l, routes, facts);

describe('channel routes', () => {
  it.each<[string, RouteFacts, Record<string, string> | undefined, string[]]>([
    [
      'a Patna station goes out from the Patna number first',
      { jurisdictionCodes: ['BR', 'PAT', 'PAT-SADAR', 'KOTWALI'] },
      ROUTES,
      ['patna', 'meta', 'gaya', 'twilio'],
    ],
    [
      'the deepest jurisdiction with a route wins',
      { jurisdictionCodes: ['BR', 'GAYA', 'GAYA-SADAR', 'GAYA-TOWN'] },
      ROUTES,
      ['twilio', 'meta', 'patna', 'gaya'],
    ],
    [
      'a Gaya subdivision without its own route takes the district one',
      { jurisdictionCodes: ['BR', 'GAYA', 'GAYA-SADAR'] },
      ROUTES,
      ['gaya', 'meta', 'patna', 'twilio'],
    ],
    ['a district without a route keeps the configured order', { jurisdictionCodes: ['BR', 'NALANDA'] }, ROUTES, LINES],
    [
      '"*" is the default of everyone unrouted',
      { jurisdictionCodes: ['BR', 'NALANDA'] },
      { ...ROUTES, '*': 'gaya' },
      ['gaya', 'meta', 'patna', 'twilio'],
    ],
    ['no jurisdiction known: the default', {}, { '*': 'twilio' }, ['twilio', 'meta', 'patna', 'gaya']],
    ['no routes at all: the configured order', { jurisdictionCodes: ['BR', 'PAT'] }, undefined, LINES],
    [
      'a route naming a line that is off is passed over',
      { jurisdictionCodes: ['BR', 'PAT'] },
      { PAT: 'muzaffarpur' },
      LINES,
    ],
    [
      'a reply goes from the number the citizen wrote to, and only from it',
      { line: 'gaya', jurisdictionCodes: ['BR', 'PAT'] },
      ROUTES,
      ['gaya'],
    ],
    [
      'a reply to a number that is no longer configured is routed as usual',
      { line: 'old', jurisdictionCodes: ['BR', 'PAT'] },
      ROUTES,
      ['patna', 'meta', 'gaya', 'twilio'],
    ],
  ])('%s', (_label, facts, routes, expected) => {
    expect(order(facts, routes)).toEqual(expected);
  });

  it('asks for the jurisdiction only when a route names one', () => {
    expect(routesByJurisdiction(undefined)).toBe(false);
    expect(routesByJurisdiction({ '*': 'twilio' })).toBe(false);
    expect(routesByJurisdiction({ PAT: 'patna' })).toBe(true);
  });
});
