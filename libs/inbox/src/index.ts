export * from './domain/classifier';
export { applyPolicy } from './domain/classifier-policy';
export type { Candidate } from './domain/classifier-policy';
export * from './domain/case-view';
export * from './domain/inbox-intent';
export * from './commands/file-citizen-message/file-citizen-message.command';
export * from './commands/fetch-case-media/fetch-case-media.command';
export * from './commands/view-case-attachment/view-case-attachment.command';
export * from './commands/transition-case/transition-case.command';
export * from './commands/assign-case/assign-case.command';
export * from './commands/add-case-note/add-case-note.command';
export * from './commands/reply-to-case/reply-to-case.command';
export * from './commands/mute-sender/mute-sender.command';
export * from './commands/reveal-identity/reveal-identity.command';
export { REVEAL_REASON_MIN, REVEAL_ROLES } from './domain/reveal-policy';
export * from './commands/request-reveal/request-reveal.command';
export * from './commands/decide-reveal/decide-reveal.command';
export * from './commands/expire-reveal-requests/expire-reveal-requests.command';
export * from './queries/list-reveals/list-reveals.query';
export { generateRevealKeyPair } from './domain/reveal-seal';
export {
  REVEAL_APPROVAL_HOURS,
  REVEAL_REQUESTS_PER_DAY,
  REVEAL_REQUEST_ROLES,
  REVEAL_VIEW_HOURS,
} from './domain/reveal-request-policy';
export * from './queries/list-cases/list-cases.query';
export * from './queries/get-case/get-case.query';
export * from './queries/count-cases/count-cases.query';
export * from './queries/summarise-cases/summarise-cases.query';
export * from './commands/move-case-to-main/move-case-to-main.command';
export * from './commands/reclassify-case/reclassify-case.command';
export * from './commands/retrain-classifier/retrain-classifier.command';
export type { FrozenScore } from './domain/retrain-gate';
export { CORRECTED_LABELS, RECLASSIFY_LABELS } from './domain/queue-correction';
export * from './queries/list-assignees/list-assignees.query';
export * from './queries/list-reveal-requests/list-reveal-requests.query';
export * from './queries/list-new-urgent-cases/list-new-urgent-cases.query';
export * from './inbox.module';
export * from './events/case-filed.event';
export * from './events/case-acknowledged.event';
export { heldOut } from './domain/evaluation';
