import { DomainError } from '@jansetu/platform';
import { BroadcastStatus } from './broadcast';

/** What can happen to a broadcast after it is created. */
export type BroadcastAction = 'approve' | 'reject' | 'pause' | 'resume' | 'cancel' | 'start' | 'complete';

/**
 * Where an action leads: a status; 'when-due' (scheduled if its time lies ahead, else sending); 'unchanged' (an
 * emergency approved after the fact keeps going as it was); or 'already-sent' (it cannot be rejected any more).
 */
type Next = BroadcastStatus | 'when-due' | 'unchanged' | 'already-sent';

/** The lifecycle: status × action → next. A missing entry is an action the status does not allow. */
export const BROADCAST_TRANSITIONS: Record<BroadcastStatus, Partial<Record<BroadcastAction, Next>>> = {
  pending_approval: { approve: 'when-due', reject: 'rejected', cancel: 'cancelled' },
  scheduled: { approve: 'unchanged', reject: 'already-sent', pause: 'paused', cancel: 'cancelled', start: 'sending' },
  sending: {
    approve: 'unchanged',
    reject: 'already-sent',
    pause: 'paused',
    cancel: 'cancelled',
    complete: 'completed',
  },
  paused: { approve: 'unchanged', reject: 'already-sent', resume: 'when-due', cancel: 'cancelled' },
  completed: { approve: 'unchanged', reject: 'already-sent' },
  cancelled: {},
  rejected: {},
};

/** The status a new broadcast starts in: above the approval bar it waits, unless it is an emergency (sent first). */
export function initialStatus(o: { needsApproval: boolean; emergency: boolean; scheduled: boolean }): BroadcastStatus {
  if (o.needsApproval && !o.emergency) return 'pending_approval';
  return o.scheduled ? 'scheduled' : 'sending';
}

/**
 * The status after `action`, or the domain error an officer sees. `scheduledAt` and `now` settle 'when-due'.
 * Approve and reject answer 'not_pending' where not allowed, the officer's controls 'invalid_state'.
 */
export function nextStatus(
  status: BroadcastStatus,
  action: BroadcastAction,
  scheduledAt: Date | null = null,
  now: Date = new Date(),
): BroadcastStatus {
  const next = BROADCAST_TRANSITIONS[status][action];
  if (next === undefined) {
    if (action === 'approve' || action === 'reject') {
      throw new DomainError('not_pending', `this broadcast awaits no approval (it is ${status})`, 409);
    }
    throw new DomainError('invalid_state', `cannot ${action} a broadcast that is ${status}`, 409);
  }
  if (next === 'already-sent') {
    throw new DomainError(
      'already_sent',
      'an emergency already sent can be reviewed, not rejected; cancel it instead',
      409,
    );
  }
  if (next === 'unchanged') return status;
  if (next === 'when-due') return scheduledAt && scheduledAt.getTime() > now.getTime() ? 'scheduled' : 'sending';
  return next;
}

/** Only a broadcast that is sending has deliveries going out; any other status stops its dispatchers. */
export function isSending(status: BroadcastStatus): boolean {
  return status === 'sending';
}
