import { citizenCatalogue } from '@jansetu/platform';
import { Language } from './citizen-command';
import { REPLY_TEXTS } from './reply-texts';

export interface GroupLine {
  name: string;
  joinCode: string;
}

/** Lists groups as "name (code)" within about `budget` characters, ending "+N" for those that do not fit. */
function groupList(groups: GroupLine[], budget: number): string {
  const items = groups.map((g) => `${g.name} (${g.joinCode})`);
  let text = '';
  for (let i = 0; i < items.length; i++) {
    const candidate = text ? `${text}, ${items[i]}` : items[i];
    const rest = items.length - i - 1;
    if (text && candidate.length + (rest ? ` +${rest}`.length : 0) > budget) return `${text} +${items.length - i}`;
    text = candidate;
  }
  return text;
}

const t = citizenCatalogue(REPLY_TEXTS);

/**
 * Automatic replies in the citizen's language (`language`: theirs, Hindi for someone JanSetu keeps nothing about),
 * from the catalogue in reply-texts.ts: within two UCS-2 SMS parts (134 characters) for usual names, the consent
 * notice and group lists within three for the longest names (replies.spec.ts measures every language).
 */
export const Replies = {
  /** The consent notice (DPDP Act 2023): who runs the service, what comes, how to leave. See CONSENT_NOTICE_VERSION. */
  joined: (language: string, group: string) => t(language, 'joined', { group }),
  alreadyMember: (language: string, group: string) => t(language, 'alreadyMember', { group }),
  unknownCode: (language: string, code: string) => t(language, 'unknownCode', { code }),
  groupClosed: (language: string, group: string) => t(language, 'groupClosed', { group }),
  left: (language: string, group: string) => t(language, 'left', { group }),
  notInGroup: (language: string, code: string) => t(language, 'notInGroup', { code }),
  /** To someone JanSetu keeps nothing about, or a member of no group. */
  notMember: (language: string) => t(language, 'notMember'),
  whichGroup: (language: string, groups: GroupLine[]) => t(language, 'whichGroup', { groups: groupList(groups, 60) }),
  myGroups: (language: string, groups: GroupLine[]) => t(language, 'myGroups', { groups: groupList(groups, 72) }),
  stopped: (language: string) => t(language, 'stopped'),
  help: (language: string) => t(language, 'help'),
  /** Answered in the language just chosen. */
  languageSet: (language: Language) => t(language, 'languageSet'),
  linkCode: (language: string, code: string, minutes: number) => t(language, 'linkCode', { code, minutes }),
  linkInvalid: (language: string) => t(language, 'linkInvalid'),
  linkCooldown: (language: string, minutes: number) => t(language, 'linkCooldown', { minutes }),
  linkSameContact: (language: string) => t(language, 'linkSameContact'),
  linked: (language: string) => t(language, 'linked'),
  alreadyLinked: (language: string) => t(language, 'alreadyLinked'),
  preferred: (language: string) => t(language, 'preferred'),
  erased: (language: string) => t(language, 'erased'),
};
