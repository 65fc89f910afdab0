/** Replies of the inbox: Hindi first, English beside it, short enough for two SMS parts, keywords in Latin too. */
export const InboxReplies = {
  received: (caseNumber: number) =>
    `जनसेतु: सूचना दर्ज, केस ${caseNumber}। नंबर गुप्त रहेगा।\nJanSetu: Received, case ${caseNumber}. Your number stays secret.`,
  receivedAnonymous: (caseNumber: number) =>
    `जनसेतु: गुप्त सूचना दर्ज, केस ${caseNumber}।\nJanSetu: Anonymous tip received, case ${caseNumber}.`,
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
