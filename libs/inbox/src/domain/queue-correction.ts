import { DomainError, ValidationError } from '@jansetu/platform';
import { FILTERED_CLASSES, MessageClass, MessageClasses } from './classifier';

/** What an officer may say a mis-filtered message really is: a class of the main queue, never an emergency by hand. */
export const CORRECTED_LABELS: readonly MessageClass[] = MessageClasses.filter(
  (c) => !FILTERED_CLASSES.includes(c) && c !== 'emergency',
);

/** What an officer may re-file a case as: any class but an emergency (those are the classifier's, never hidden). */
export const RECLASSIFY_LABELS: readonly MessageClass[] = MessageClasses.filter((c) => c !== 'emergency');

/** How the classifier (or the sender's mute or rate limit) filed a case, as a correction keeps it. */
export interface FiledAs {
  label: MessageClass;
  /** The label an officer's latest correction gave the case, else the classifier's. */
  currentLabel: MessageClass;
  /** Filed as an emergency: it stays in the main queue and its urgent count. */
  urgent: boolean;
  queue: 'main' | 'filtered';
  classifiedBy: 'rule' | 'model';
  confidence: number;
  filterReason: string | null;
}

export interface QueueCorrection {
  originalLabel: MessageClass;
  originalQueue: 'main' | 'filtered';
  originalClassifiedBy: 'rule' | 'model';
  originalConfidence: number;
  originalFilterReason: string | null;
  correctedQueue: 'main' | 'filtered';
  correctedLabel: MessageClass | null;
}

export class AlreadyInMainQueueError extends DomainError {
  constructor() {
    super('already_in_main_queue', 'the case is already in the main queue / केस पहले से मुख्य कतार में है', 409);
  }
}

export class EmergencyNotFilteredError extends DomainError {
  constructor() {
    super(
      'emergency_not_filtered',
      'an emergency is never filed away; close it once dealt with / आपात केस फ़िल्टर नहीं होता; निपटने पर बंद करें',
      409,
    );
  }
}

export class AlreadyFiledAsError extends DomainError {
  constructor(label: MessageClass) {
    super('already_filed_as', `the case is already filed as ${label} / केस पहले से ${label} के रूप में दर्ज है`, 409);
  }
}

/**
 * An officer re-files a case as what it really is: as noise (spam, advert, political, greeting, abuse) it goes to
 * the filtered queue, as anything else to the main one. An urgent case is never filtered, whatever the officer says.
 * The classifier's verdict stays on the case; the correction beside it is training data for the next model.
 */
export function decideReclassification(filed: FiledAs, label: MessageClass): QueueCorrection {
  if (!RECLASSIFY_LABELS.includes(label)) {
    throw new ValidationError(
      `label must be one of ${RECLASSIFY_LABELS.join(', ')} / लेबल इनमें से हो: ${RECLASSIFY_LABELS.join(', ')}`,
    );
  }
  const correctedQueue = FILTERED_CLASSES.includes(label) ? 'filtered' : 'main';
  if (correctedQueue === 'filtered' && filed.urgent) throw new EmergencyNotFilteredError();
  if (label === filed.currentLabel && correctedQueue === filed.queue) throw new AlreadyFiledAsError(label);
  return {
    originalLabel: filed.label,
    originalQueue: filed.queue,
    originalClassifiedBy: filed.classifiedBy,
    originalConfidence: filed.confidence,
    originalFilterReason: filed.filterReason,
    correctedQueue,
    correctedLabel: label,
  };
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
