import { CatalogueTexts } from '@jansetu/platform';

export type ReplyKey =
  | 'joined'
  | 'alreadyMember'
  | 'unknownCode'
  | 'groupClosed'
  | 'left'
  | 'notInGroup'
  | 'notMember'
  | 'whichGroup'
  | 'myGroups'
  | 'stopped'
  | 'help'
  | 'languageSet'
  | 'linkCode'
  | 'linkInvalid'
  | 'linkCooldown'
  | 'linkSameContact'
  | 'linked'
  | 'alreadyLinked'
  | 'preferred'
  | 'erased';

/**
 * Membership's automatic replies, one language per message (the citizen's; Hindi for someone JanSetu keeps nothing
 * about). Keywords stay in Latin letters in every language: not every phone types Devanagari or Urdu. Hindi and
 * English are complete; Bhojpuri, Maithili, Magahi and Urdu carry the consent notice, HELP, STOP and LANG (each
 * language's LANG answer must be its own) and a few more; the rest falls back to Hindi.
 *
 * NATIVE-SPEAKER REVIEW NEEDED: the bho, mai, mag and ur texts were written by an engineer, not a native speaker;
 * have each read by one before go-live (and bump CONSENT_NOTICE_VERSION if `joined` changes).
 */
export const REPLY_TEXTS: CatalogueTexts<ReplyKey> = {
  hi: {
    joined: 'जनसेतु: आप {{group}} से जुड़ गए। बिहार पुलिस की सूचनाएँ/अलर्ट आएँगे, नंबर गुप्त रहेगा। छोड़ें: STOP। English: LANG EN',
    alreadyMember: 'जनसेतु: आप पहले से {{group}} में हैं।',
    unknownCode: 'जनसेतु: कोड {{code}} नहीं मिला, पोस्टर का कोड जाँचें।',
    groupClosed: 'जनसेतु: {{group}} अब बंद है, नए सदस्य नहीं जुड़ते।',
    left: 'जनसेतु: आप {{group}} से हट गए। सब बंद: STOP',
    notInGroup: 'जनसेतु: आप {{code}} समूह में नहीं हैं।',
    notMember: 'जनसेतु: आप किसी समूह में नहीं हैं। पोस्टर का कोड भेजें: JOIN <कोड>',
    whichGroup: 'जनसेतु: कौन सा समूह? LEAVE <कोड> भेजें: {{groups}}',
    myGroups: 'जनसेतु: आपके समूह: {{groups}}। छोड़ें: LEAVE <कोड>',
    stopped: 'जनसेतु: आप सब समूहों से हट गए, अब संदेश नहीं आएँगे। फिर जुड़ें: JOIN <कोड>',
    help:
      'जनसेतु (बिहार पुलिस): JOIN <कोड> जुड़ें, LEAVE <कोड> हटें, STOP सब बंद, GROUPS सूची, LINK दूसरा फ़ोन, ' +
      'भाषा: LANG HI/EN/BHO/MAI/MAG/UR',
    languageSet: 'जनसेतु: अब पुलिस संदेश हिंदी में आएँगे।',
    linkCode: 'जनसेतु: दूसरे फ़ोन/ऐप से {{minutes}} मिनट में भेजें: LINK {{code}}',
    linkInvalid: 'जनसेतु: LINK कोड गलत या पुराना है, पहले फ़ोन से LINK भेजें।',
    linkCooldown: 'जनसेतु: कई गलत LINK कोड आए, {{minutes}} मिनट बाद फिर भेजें।',
    linkSameContact: 'जनसेतु: यह कोड अपने दूसरे फ़ोन/ऐप से भेजें।',
    linked: 'जनसेतु: जुड़ गया, संदेश अब यहीं आएँगे (PREFER से बदलें)।',
    alreadyLinked: 'जनसेतु: यह पहले से जुड़ा है। संदेश यहाँ पाने के लिए PREFER भेजें।',
    preferred: 'जनसेतु: अब संदेश यहीं आएँगे।',
    erased: 'जनसेतु: आपका नंबर और सदस्यता मिटा दी गई। फिर जुड़ें: JOIN <कोड>',
  },
  en: {
    joined:
      'JanSetu (Bihar Police): you joined {{group}}. Police alerts will follow; your number stays secret. Leave: STOP',
    alreadyMember: 'JanSetu: you are already a member of {{group}}.',
    unknownCode: 'JanSetu: code {{code}} not found. Check the code on the poster.',
    groupClosed: 'JanSetu: {{group}} is closed to new members.',
    left: 'JanSetu: you left {{group}}. To stop everything: STOP',
    notInGroup: 'JanSetu: you are not in group {{code}}.',
    notMember: 'JanSetu: you are in no group. Send the code on the poster: JOIN <code>',
    whichGroup: 'JanSetu: which group? Send LEAVE <code>: {{groups}}',
    myGroups: 'JanSetu: your groups: {{groups}}. Leave: LEAVE <code>',
    stopped: 'JanSetu: you left all groups; no more messages will come. To join again: JOIN <code>',
    help:
      'JanSetu (Bihar Police): JOIN <code> to join, LEAVE <code> to leave, STOP for all, GROUPS to list, ' +
      'LINK another phone, language: LANG HI/EN/BHO/MAI/MAG/UR',
    languageSet: 'JanSetu: police messages will now come in English (in Hindi when one has no English text).',
    linkCode: 'JanSetu: from your other phone or app, within {{minutes}} minutes, send LINK {{code}}',
    linkInvalid: 'JanSetu: link code wrong or expired. Send LINK again from your first phone.',
    linkCooldown: 'JanSetu: too many wrong link codes. Try again in {{minutes}} min.',
    linkSameContact: 'JanSetu: send this code from your other phone or app.',
    linked: 'JanSetu: linked. Messages now come here (PREFER on the other one switches back).',
    alreadyLinked: 'JanSetu: already linked. Send PREFER to get messages here.',
    preferred: 'JanSetu: messages will now come here.',
    erased: 'JanSetu: your number and memberships were erased. To join again: JOIN <code>',
  },
  bho: {
    joined: 'जनसेतु: रउआ {{group}} से जुड़ गइनी। बिहार पुलिस के सूचना/अलर्ट आई, नंबर गुप्त रही। छोड़े खातिर: STOP',
    alreadyMember: 'जनसेतु: रउआ पहिलहीं से {{group}} में बानी।',
    left: 'जनसेतु: रउआ {{group}} से हट गइनी। सब बंद करे खातिर: STOP',
    stopped: 'जनसेतु: रउआ सब समूह से हट गइनी, अब कवनो संदेश ना आई। फेर जुड़े खातिर: JOIN <कोड>',
    help:
      'जनसेतु (बिहार पुलिस): JOIN <कोड> जुड़ीं, LEAVE <कोड> हटीं, STOP सब बंद, GROUPS सूची, LINK दोसर फोन, ' +
      'भाषा: LANG HI/EN/BHO/MAI/MAG/UR',
    languageSet: 'जनसेतु: अब पुलिस के संदेश भोजपुरी में आई (भोजपुरी पाठ ना रहला पर हिंदी में)।',
  },
  mai: {
    joined: 'जनसेतु: अहाँ {{group}} सँ जुड़ि गेलहुँ। बिहार पुलिसक सूचना/अलर्ट आओत, नंबर गुप्त रहत। छोड़बाक लेल: STOP',
    alreadyMember: 'जनसेतु: अहाँ पहिने सँ {{group}} मे छी।',
    left: 'जनसेतु: अहाँ {{group}} सँ हटि गेलहुँ। सभ बंद करबाक लेल: STOP',
    stopped: 'जनसेतु: अहाँ सभ समूह सँ हटि गेलहुँ, आब कोनो संदेश नहि आओत। फेर जुड़बाक लेल: JOIN <कोड>',
    help:
      'जनसेतु (बिहार पुलिस): JOIN <कोड> जुड़ू, LEAVE <कोड> हटू, STOP सभ बंद, GROUPS सूची, LINK दोसर फोन, ' +
      'भाषा: LANG HI/EN/BHO/MAI/MAG/UR',
    languageSet: 'जनसेतु: आब पुलिसक संदेश मैथिली मे आओत (मैथिली पाठ नहि रहला पर हिंदी मे)।',
  },
  mag: {
    joined: 'जनसेतु: अपने {{group}} से जुड़ गेली। बिहार पुलिस के सूचना/अलर्ट आएत, नंबर गुप्त रहत। छोड़े ला: STOP',
    alreadyMember: 'जनसेतु: अपने पहिले से {{group}} में ही।',
    left: 'जनसेतु: अपने {{group}} से हट गेली। सब बंद करे ला: STOP',
    stopped: 'जनसेतु: अपने सब समूह से हट गेली, अब कोनो संदेश न आएत। फिन जुड़े ला: JOIN <कोड>',
    help:
      'जनसेतु (बिहार पुलिस): JOIN <कोड> जुड़ूँ, LEAVE <कोड> हटूँ, STOP सब बंद, GROUPS सूची, LINK दोसर फोन, ' +
      'भाषा: LANG HI/EN/BHO/MAI/MAG/UR',
    languageSet: 'जनसेतु: अब पुलिस के संदेश मगही में आएत (मगही पाठ न रहे पर हिंदी में)।',
  },
  ur: {
    joined:
      'جن سیتو: آپ {{group}} سے جڑ گئے۔ بہار پولیس کی اطلاعات/الرٹ آئیں گے، نمبر خفیہ رہے گا۔ چھوڑنے کے لیے: STOP',
    alreadyMember: 'جن سیتو: آپ پہلے سے {{group}} میں ہیں۔',
    left: 'جن سیتو: آپ {{group}} سے ہٹ گئے۔ سب بند کرنے کے لیے: STOP',
    stopped: 'جن سیتو: آپ سب گروپوں سے ہٹ گئے، اب کوئی پیغام نہیں آئے گا۔ دوبارہ جڑنے کے لیے: JOIN <کوڈ>',
    help:
      'جن سیتو (بہار پولیس): JOIN <کوڈ> جڑیں، LEAVE <کوڈ> ہٹیں، STOP سب بند، GROUPS فہرست، LINK دوسرا فون، ' +
      'زبان: LANG HI/EN/BHO/MAI/MAG/UR',
    languageSet: 'جن سیتو: اب پولیس کے پیغامات اردو میں آئیں گے (اردو متن نہ ہو تو ہندی میں)۔',
  },
};
