import { citizenCatalogue } from '@jansetu/platform';
import { INBOX_REPLY_TEXTS } from './reply-texts';

const t = citizenCatalogue(INBOX_REPLY_TEXTS);

/** Replies of the inbox in the citizen's language (reply-texts.ts), short enough for two SMS parts (ANON: four). */
export const InboxReplies = {
  received: (language: string, caseNumber: number) => t(language, 'received', { case: caseNumber }),
  receivedAnonymous: (language: string, caseNumber: number) => t(language, 'receivedAnonymous', { case: caseNumber }),
  emergency: (language: string) => t(language, 'emergency'),
  greeting: (language: string) => t(language, 'greeting'),
  notMember: (language: string, caseNumber: number) => t(language, 'notMember', { case: caseNumber }),
  rateLimited: (language: string) => t(language, 'rateLimited'),
  /** An officer's answer carries the case number so the citizen knows what it answers. */
  officer: (language: string, caseNumber: number, text: string) => t(language, 'officer', { case: caseNumber, text }),
};
