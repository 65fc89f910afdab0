/**
 * Automatic replies, Hindi first and English beside it, short enough for two SMS parts in UCS-2
 * (feature phones), with the keywords in Latin letters because not every phone can type Devanagari.
 */
export const Replies = {
  joined: (group: string, station: string) =>
    `जनसेतु: आप ${group} (${station}) से जुड़ गए। बिहार पुलिस की सूचनाएँ मिलेंगी। बंद करने हेतु STOP भेजें।\n` +
    `JanSetu: You joined ${group}. Bihar Police alerts will follow. Send STOP to leave.`,
  unknownCode: (code: string) =>
    `जनसेतु: कोड ${code} नहीं मिला। पोस्टर पर लिखा कोड जाँचें।\nJanSetu: Code ${code} not found. Check the code on the poster.`,
  stopped: () =>
    `जनसेतु: आप सभी समूहों से हट गए, अब कोई संदेश नहीं आएगा। फिर जुड़ने हेतु JOIN <कोड> भेजें।\n` +
    `JanSetu: You left all groups. No more messages. Send JOIN <code> to rejoin.`,
  help: () =>
    `जनसेतु (बिहार पुलिस): जुड़ें: JOIN <कोड>। छोड़ें: STOP। आपकी पहचान गुप्त रहती है।\n` +
    `JanSetu (Bihar Police): Join: JOIN <code>. Leave: STOP. Your identity stays secret.`,
};
