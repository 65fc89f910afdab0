import { describe, expect, it } from 'vitest';
import { BroadcastStatus } from './broadcast';
import { BroadcastAction, initialStatus, isSending, nextStatus } from './broadcast-lifecycle';

const now = new Date('2026-03-01T10:00:00Z');
const later = new Date('2026-03-01T12:00:00Z');
const earlier = new Date('2026-03-01T08:00:00Z');

describe('broadcast lifecycle', () => {
  it.each<[BroadcastStatus, BroadcastAction, Date | null, BroadcastStatus]>([
    ['pending_approval', 'approve', null, 'sending'],
    ['pending_approval', 'approve', later, 'scheduled'],
    ['pending_approval', 'approve', earlier, 'sending'],
    ['pending_approval', 'reject', null, 'rejected'],
    ['pending_approval', 'cancel', null, 'cancelled'],
    ['scheduled', 'approve', later, 'scheduled'], // an emergency approved after the fact keeps its course
    ['sending', 'approve', null, 'sending'],
    ['paused', 'approve', null, 'paused'],
    ['completed', 'approve', null, 'completed'],
    ['scheduled', 'pause', later, 'paused'],
    ['sending', 'pause', null, 'paused'],
    ['paused', 'resume', null, 'sending'],
    ['paused', 'resume', later, 'scheduled'],
    ['paused', 'resume', earlier, 'sending'],
    ['scheduled', 'cancel', later, 'cancelled'],
    ['sending', 'cancel', null, 'cancelled'],
    ['paused', 'cancel', null, 'cancelled'],
    ['scheduled', 'start', earlier, 'sending'],
    ['sending', 'complete', null, 'completed'],
  ])('%s + %s (scheduled %s) → %s', (status, action, scheduledAt, next) => {
    expect(nextStatus(status, action, scheduledAt, now)).toBe(next);
  });

  it.each<[BroadcastStatus, BroadcastAction, string, RegExp]>([
    ['cancelled', 'approve', 'not_pending', /awaits no approval \(it is cancelled\)/],
    ['rejected', 'approve', 'not_pending', /awaits no approval \(it is rejected\)/],
    ['rejected', 'reject', 'not_pending', /awaits no approval/],
    ['sending', 'reject', 'already_sent', /cancel it instead/],
    ['scheduled', 'reject', 'already_sent', /cancel it instead/],
    ['paused', 'reject', 'already_sent', /cancel it instead/],
    ['completed', 'reject', 'already_sent', /cancel it instead/],
    ['pending_approval', 'pause', 'invalid_state', /cannot pause a broadcast that is pending_approval/],
    ['paused', 'pause', 'invalid_state', /cannot pause a broadcast that is paused/],
    ['sending', 'resume', 'invalid_state', /cannot resume a broadcast that is sending/],
    ['scheduled', 'resume', 'invalid_state', /cannot resume/],
    ['completed', 'cancel', 'invalid_state', /cannot cancel a broadcast that is completed/],
    ['cancelled', 'cancel', 'invalid_state', /cannot cancel/],
    ['rejected', 'resume', 'invalid_state', /cannot resume/],
    ['pending_approval', 'start', 'invalid_state', /cannot start/],
    ['paused', 'complete', 'invalid_state', /cannot complete/],
  ])('%s + %s is refused (%s)', (status, action, code, message) => {
    expect(() => nextStatus(status, action, null, now)).toThrow(
      expect.objectContaining({ code, status: 409, message: expect.stringMatching(message) }),
    );
  });

  it.each([
    [{ needsApproval: false, emergency: false, scheduled: false }, 'sending'],
    [{ needsApproval: false, emergency: false, scheduled: true }, 'scheduled'],
    [{ needsApproval: true, emergency: false, scheduled: false }, 'pending_approval'],
    [{ needsApproval: true, emergency: false, scheduled: true }, 'pending_approval'],
    [{ needsApproval: true, emergency: true, scheduled: false }, 'sending'], // sent first, approved after
    [{ needsApproval: true, emergency: true, scheduled: true }, 'scheduled'],
    [{ needsApproval: false, emergency: true, scheduled: false }, 'sending'],
  ] as const)('a new broadcast %j starts %s', (facts, status) => {
    expect(initialStatus(facts)).toBe(status);
  });

  it.each<[BroadcastStatus, boolean]>([
    ['sending', true],
    ['paused', false],
    ['scheduled', false],
    ['cancelled', false],
    ['completed', false],
  ])('%s has deliveries going out: %s', (status, sending) => {
    expect(isSending(status)).toBe(sending);
  });
});
