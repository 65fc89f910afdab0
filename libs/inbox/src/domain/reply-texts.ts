import { CatalogueTexts } from '@jansetu/platform';

export type InboxReplyKey =
  'received' | 'receivedAnonymous' | 'emergency' | 'greeting' | 'notMember' | 'rateLimited' | 'officer';

/**
 * The inbox's replies, in the citizen's language. Hindi and English are complete; Bhojpuri, Maithili, Magahi and
 * Urdu carry the 112 advice and the tip acknowledgement; the rest falls back to Hindi (an officer's answer keeps
 * the Hindi frame in Urdu: the officer's own words may be in any script).
 *
 * NATIVE-SPEAKER REVIEW NEEDED for bho, mai, mag and ur before go-live.
 */
export const INBOX_REPLY_TEXTS: CatalogueTexts<InboxReplyKey> = {
  hi: {
    received: 'जनसेतु: सूचना दर्ज, केस {{case}}। नंबर गुप्त रहेगा।',
    // What ANON does and does not protect, said plainly (four UCS-2 SMS parts in Hindi, the price of honesty).
    receivedAnonymous:
      'जनसेतु: गुप्त सूचना दर्ज, केस {{case}}। पुलिस अधिकारी न आपका नंबर देखते, न इसे आपके दूसरे संदेशों से जोड़ सकते। ' +
      'जवाब हेतु नंबर सील रहता है; केवल FIR के लिए दो अधिकारियों की स्वीकृति से मुख्यालय खोल सकता है। ' +
      'मोबाइल कंपनी और सर्वर की चाबियाँ रखने वाले नंबर जान सकते हैं।',
    emergency: 'जनसेतु: आपात स्थिति? तुरंत 112 डायल करें! सूचना थाने को भेजी गई।',
    greeting: 'जनसेतु: नमस्ते! कोई सूचना या शिकायत हो तो लिखें। आपात स्थिति: 112',
    notMember: 'जनसेतु: संदेश मिला (केस {{case}})। अपने थाने से जुड़ें: JOIN <कोड> (पोस्टर पर)',
    rateLimited: 'जनसेतु: बहुत संदेश आए, कृपया थोड़ी देर बाद लिखें। आपात स्थिति: 112',
    officer: 'बिहार पुलिस (केस {{case}}): {{text}}',
  },
  en: {
    received: 'JanSetu: received, case {{case}}. Your number stays secret.',
    receivedAnonymous:
      'JanSetu: Anonymous tip received, case {{case}}. Officers see neither your number nor a link to your other ' +
      "messages. It stays sealed to reply; only HQ can open it, for an FIR, with two officers' approval. Your phone " +
      "company and whoever holds the server's keys can still learn your number.",
    emergency: 'JanSetu: Emergency? Dial 112 now! Your message was sent to the police.',
    greeting: 'JanSetu: Hello! Send a tip or a complaint. Emergency: 112',
    notMember: 'JanSetu: got it (case {{case}}). Join your local group: JOIN <code> (on the poster)',
    rateLimited: 'JanSetu: too many messages, please write again later. Emergency: 112',
    officer: 'Bihar Police (case {{case}}): {{text}}',
  },
  bho: {
    received: 'जनसेतु: सूचना दर्ज भइल, केस {{case}}। नंबर गुप्त रही।',
    emergency: 'जनसेतु: आपात स्थिति? तुरंते 112 डायल करीं! सूचना थाना के भेज दिहल गइल।',
  },
  mai: {
    received: 'जनसेतु: सूचना दर्ज भेल, केस {{case}}। नंबर गुप्त रहत।',
    emergency: 'जनसेतु: आपात स्थिति? तुरंत 112 डायल करू! सूचना थाना केँ पठाओल गेल।',
  },
  mag: {
    received: 'जनसेतु: सूचना दर्ज हो गेल, केस {{case}}। नंबर गुप्त रहत।',
    emergency: 'जनसेतु: आपात स्थिति? तुरते 112 डायल करूँ! सूचना थाना के भेज देल गेल।',
  },
  ur: {
    received: 'جن سیتو: اطلاع درج ہو گئی، کیس {{case}}۔ آپ کا نمبر خفیہ رہے گا۔',
    emergency: 'جن سیتو: ہنگامی صورت؟ فوراً 112 ڈائل کریں! اطلاع تھانے کو بھیج دی گئی۔',
    greeting: 'جن سیتو: آداب! کوئی اطلاع یا شکایت ہو تو لکھیں۔ ہنگامی صورت: 112',
  },
};
