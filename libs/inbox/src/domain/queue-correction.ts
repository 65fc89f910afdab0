import { DomainError, ValidationError } from '@jansetu/platform';
import { FILTERED_CLASSES, MessageClass, MessageClasses } from './classifier';

/** What an officer may say a mis-filtered message really is: a class of the main queue, never an emergency by hand. */
export const CORRECTED_LABELS: readonly MessageClass[] = MessageClasses.filter(
  (c) => !FILTERED_CLASSES.includes(c) && c !== 'emergency',
);

/** How the classifier (or the sender's mute or rate limit) filed a case, as a correction keeps it. */
export interface FiledAs {
  label: MessageClass;
  queue: 'main' | 'filtered';
  classifiedBy: 'rule' | 'model';
  confidence: number;
  filterReason: string | null;
}

export interface QueueCorrection {
  originalLabel: MessageClass;
  originalQueue: 'filtered';
  originalClassifiedBy: 'rule' | 'model';
  originalConfidence: number;
  originalFilterReason: string | null;
  correctedQueue: 'main';
  correctedLabel: MessageClass | null;
}

export class AlreadyInMainQueueError extends DomainError {
  constructor() {
    super('already_in_main_queue', 'the case is already in the main queue / केस पहले से मुख्य कतार में है', 409);
  }
}

/**
 * Moving a filtered case to the main queue: only a filtered case moves; the classifier's verdict is kept as it was
 * (the case keeps its label) beside the officer's, so the pair can later train the classifier.
 */
export function decideMoveToMain(filed: FiledAs, correctedLabel: MessageClass | null): QueueCorrection {
  if (filed.queue !== 'filtered') throw new AlreadyInMainQueueError();
  if (correctedLabel !== null && !CORRECTED_LABELS.includes(correctedLabel)) {
    throw new ValidationError(
      `label must be one of ${CORRECTED_LABELS.join(', ')} / लेबल इनमें से हो: ${CORRECTED_LABELS.join(', ')}`,
    );
  }
  return {
    originalLabel: filed.label,
    originalQueue: 'filtered',
    originalClassifiedBy: filed.classifiedBy,
    originalConfidence: filed.confidence,
    originalFilterReason: filed.filterReason,
    correctedQueue: 'main',
    correctedLabel,
  };
}
