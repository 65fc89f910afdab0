import { Language } from './citizen-command';

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

/**
 * Automatic replies, Hindi first and English beside it, within two UCS-2 SMS parts (134 characters) for usual names
 * (the consent notice may take three), with the keywords in Latin letters because not every phone types Devanagari.
 */
export const Replies = {
  /** The consent notice (DPDP Act 2023): who runs the service, what comes, how to leave. See CONSENT_NOTICE_VERSION. */
  joined: (group: string) =>
    `जनसेतु: आप ${group} से जुड़ गए। बिहार पुलिस की सूचनाएँ/अलर्ट आएँगे, नंबर गुप्त रहेगा। छोड़ें: STOP\n` +
    `JanSetu (Bihar Police): joined. Police alerts will follow; number kept secret. Leave: STOP`,
  alreadyMember: (group: string) => `जनसेतु: आप पहले से ${group} में हैं।\nJanSetu: You are already a member.`,
  unknownCode: (code: string) =>
    `जनसेतु: कोड ${code} नहीं मिला, पोस्टर का कोड जाँचें।\nJanSetu: Code ${code} not found. Check the poster.`,
  groupClosed: (group: string) =>
    `जनसेतु: ${group} अब बंद है, नए सदस्य नहीं जुड़ते।\nJanSetu: This group is closed to new members.`,
  left: (group: string) => `जनसेतु: आप ${group} से हट गए। सब बंद: STOP\nJanSetu: You left the group. To stop all: STOP`,
  notInGroup: (code: string) => `जनसेतु: आप ${code} समूह में नहीं हैं।\nJanSetu: You are not in group ${code}.`,
  /** To someone JanSetu keeps nothing about, or a member of no group. */
  notMember: () =>
    `जनसेतु: आप किसी समूह में नहीं हैं। पोस्टर का कोड भेजें: JOIN <कोड>\nJanSetu: You are in no group. Send JOIN <code>`,
  whichGroup: (groups: GroupLine[]) =>
    `जनसेतु: कौन सा समूह? LEAVE <कोड> भेजें / Which one? Send LEAVE <code>: ${groupList(groups, 60)}`,
  myGroups: (groups: GroupLine[]) => `जनसेतु: आपके समूह / Your groups: ${groupList(groups, 72)}. छोड़ें/Leave: LEAVE <code>`,
  stopped: () =>
    `जनसेतु: आप सब समूहों से हट गए, अब संदेश नहीं आएँगे। फिर जुड़ें: JOIN <कोड>\n` +
    `JanSetu: You left all groups. No more messages.`,
  help: () =>
    `जनसेतु (बिहार पुलिस/Bihar Police): JOIN <कोड> जुड़ें, LEAVE <कोड> हटें, STOP सब बंद, GROUPS सूची, ` +
    `LANG HI/EN भाषा, LINK दूसरा फ़ोन`,
  languageSet: (language: Language) =>
    language === 'hi'
      ? `जनसेतु: अब पुलिस संदेश हिंदी में आएँगे।\nJanSetu: Police messages will now come in Hindi.`
      : `जनसेतु: अब पुलिस संदेश अंग्रेज़ी में आएँगे।\nJanSetu: Police messages will now come in English.`,
  linkCode: (code: string, minutes: number) =>
    `जनसेतु: दूसरे फ़ोन/ऐप से ${minutes} मिनट में भेजें: LINK ${code}\nJanSetu: From your other phone/app send LINK ${code}`,
  linkInvalid: () =>
    `जनसेतु: LINK कोड गलत या पुराना है, पहले फ़ोन से LINK भेजें।\nJanSetu: Link code wrong or expired. Send LINK again.`,
  linkCooldown: (minutes: number) =>
    `जनसेतु: कई गलत LINK कोड आए, ${minutes} मिनट बाद फिर भेजें।\nJanSetu: Too many wrong link codes. Try again in ${minutes} min.`,
  linkSameContact: () => `जनसेतु: यह कोड अपने दूसरे फ़ोन/ऐप से भेजें।\nJanSetu: Send this code from your other phone or app.`,
  linked: () =>
    `जनसेतु: जुड़ गया, संदेश अब यहीं आएँगे (PREFER से बदलें)।\nJanSetu: Linked. Messages now come here (PREFER to switch).`,
  alreadyLinked: () => `जनसेतु: यह पहले से जुड़ा है।\nJanSetu: Already linked. Send PREFER to get messages here.`,
  preferred: () => `जनसेतु: अब संदेश यहीं आएँगे।\nJanSetu: Messages will now come here.`,
  erased: () =>
    `जनसेतु: आपका नंबर और सदस्यता मिटा दी गई। फिर जुड़ें: JOIN <कोड>\nJanSetu: Your number and memberships were erased.`,
};
