/** Replies of the inbox: Hindi first, English beside it, short enough for two SMS parts, keywords in Latin too. */
export const InboxReplies = {
  received: (caseNumber: number) =>
    `जनसेतु: सूचना दर्ज, केस ${caseNumber}। नंबर गुप्त रहेगा।\nJanSetu: Received, case ${caseNumber}. Your number stays secret.`,
  /**
   * What ANON does and does not protect, said plainly (three SMS parts in Hindi, the price of honesty): officers
   * never see who sent it or link it to the sender's other messages; the number is kept sealed to answer; only HQ,
   * with a second officer's approval for an FIR, can open it; the phone company and whoever holds the server's keys can still learn the number.
   */
  receivedAnonymous: (caseNumber: number) =>
    `जनसेतु: गुप्त सूचना दर्ज, केस ${caseNumber}। पुलिस अधिकारी न आपका नंबर देखते, न इसे आपके दूसरे संदेशों से जोड़ सकते। ` +
    `जवाब हेतु नंबर सील रहता है; केवल FIR के लिए दो अधिकारियों की स्वीकृति से मुख्यालय खोल सकता है। ` +
    `मोबाइल कंपनी और सर्वर की चाबियाँ रखने वाले नंबर जान सकते हैं।\n` +
    `JanSetu: Anonymous tip received, case ${caseNumber}. Officers see neither your number nor a link to your other ` +
    `messages. It stays sealed to reply; only HQ can open it, for an FIR, with two officers' approval. Your phone ` +
    `company and whoever holds the server's keys can still learn your number.`,
  emergency: () =>
    `जनसेतु: आपात स्थिति? तुरंत 112 डायल करें! सूचना थाने को भेजी गई।\nJanSetu: Emergency? Dial 112 now! Sent to the police.`,
  greeting: () =>
    `जनसेतु: नमस्ते! कोई सूचना या शिकायत हो तो लिखें। आपात स्थिति: 112\nJanSetu: Hello! Send a tip or complaint. Emergency: 112`,
  notMember: (caseNumber: number) =>
    `जनसेतु: संदेश मिला (केस ${caseNumber})। अपने थाने से जुड़ें: JOIN <कोड> (पोस्टर पर)\n` +
    `JanSetu: Got it (case ${caseNumber}). Join your local group: JOIN <code>`,
  rateLimited: () =>
    `जनसेतु: बहुत संदेश आए, कृपया थोड़ी देर बाद लिखें। आपात स्थिति: 112\nJanSetu: Too many messages, please wait. Emergency: 112`,
  /** An officer's answer carries the case number so the citizen knows what it answers. */
  officer: (caseNumber: number, text: string) => `बिहार पुलिस (केस ${caseNumber}): ${text}`,
};
