import { describe, expect, it } from 'vitest';
import { dashboardWindows } from './windows';

describe('dashboardWindows', () => {
  it.each([
    // label, now (UTC), start of the day in India (UTC)
    ['afternoon in India', '2026-12-02T09:00:00Z', '2026-12-01T18:30:00Z'],
    ['just after midnight in India', '2026-12-01T18:31:00Z', '2026-12-01T18:30:00Z'],
    ['just before midnight in India', '2026-12-01T18:29:00Z', '2026-11-30T18:30:00Z'],
  ])('today starts at midnight IST: %s', (_, now, start) => {
    expect(dashboardWindows(new Date(now)).todayFrom.toISOString()).toBe(new Date(start).toISOString());
  });

  it('counts the week as the last seven days', () => {
    expect(dashboardWindows(new Date('2026-12-02T09:00:00Z')).weekFrom.toISOString()).toBe('2026-11-25T09:00:00.000Z');
  });
});
