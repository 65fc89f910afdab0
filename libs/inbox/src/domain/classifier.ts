import { fold, words } from '@jansetu/platform';
import {
  applyPolicy,
  Candidate,
  Classification,
  MessageClass,
  POLICY_THRESHOLDS,
  PolicyThresholds,
} from './classifier-policy';
import { NaiveBayes } from './naive-bayes';

export { FILTERED_CLASSES, MessageClasses, POLICY_THRESHOLDS } from './classifier-policy';
export type { Classification, MessageClass, PolicyThresholds } from './classifier-policy';

/** What the Done-means bound: never more than 5% of these in the main queue, never a tip among them. */
const NOISE: readonly MessageClass[] = ['greeting', 'political', 'spam'];

export interface LabelledMessage {
  text: string;
  label: MessageClass;
}

// Entries are folded like the citizen's text (see fold): write them naturally. Multi-word entries match as phrases.
// prettier-ignore
const LEXICON = {
  /** Unambiguous on their own: murder, fire, kidnapping, firing, robbery, drowning, a cry for help. */
  emergency: [
    'हत्या', 'अपहरण', 'गोलीबारी', 'गोली चल', 'गोली मार', 'आग लग', 'बचाओ', 'बचाइए', 'फिरौती', 'बंधक', 'डकैती', 'डूब रहे',
    'धमाका', 'चाकू चल', 'फायरिंग', 'लाश', 'murder', 'murdered', 'hatya', 'kidnap', 'kidnapped', 'apharan', 'firing',
    'goli chal', 'goli mar', 'goli chala', 'aag lag', 'aag lagi', 'bachao', 'dakaiti', 'daketi', 'doob raha', 'chaku mar',
    'gunshot', 'gunshots', 'shot', 'fire', 'burning', 'accident', 'एक्सीडेंट', 'दुर्घटना', 'injured', 'घायल', 'ghayal',
    'पलट गई', 'palat gayi', 'mob', 'beaten', 'चोर घुस', 'entered our house', 'come quickly', 'come fast', 'with a pistol',
    'बम फेंक', 'bomb', 'robbery', 'fire brigade', 'kidnaped', 'ambulance', 'hamla ho',
  ],
  /** A report about a rumour, not the rumour's own subject (which often sounds like an emergency). */
  rumour: [
    'अफवाह', 'झूठी खबर', 'वायरल', 'फर्जी ऑडियो', 'फर्जी वीडियो', 'झूठ फैला', 'afwah', 'afvah', 'rumour', 'rumor', 'viral',
    'fake news', 'jhooti khabar', 'jhuthi khabar', 'fake message', 'fake audio', 'fake video', 'forwarded', 'forwarding',
    'forward kar rahe', 'forward aa raha', 'being shared', 'मैसेज घूम', 'मैसेज आ रहा', 'message chal', 'message aa raha',
    'खबर फैली', 'झूठ', 'jhooth', 'jhuth', 'sach hai kya', 'सच क्या', 'is it true', 'sach kya', 'looks fake', 'is false',
    'morphed', 'purana video', 'पुराना वीडियो', 'old video', 'लोग कह रहे', 'log bol rahe', 'फर्जी',
  ],
  /** Enough alone: lotteries, black magic, chain letters, land and loan touts. */
  spamStrong: [
    'lottery', 'लॉटरी', 'vashikaran', 'वशीकरण', 'miracle', 'चमत्कार', 'बिकाऊ', 'bikau', 'forward this', 'शेयर करो',
    'share karo', 'logo ko bhejo', 'लोगों को भेजो', 'भेजो वरना', 'crypto', 'referral', 'dream11', 'सस्ता लोन', 'sasta loan',
    'बधाई हो', 'badhai ho', 'specialist', 'समस्या का समाधान', 'samasya ka hal', 'nuksan hoga', 'नुकसान होगा',
  ],
  /** Links, money-for-nothing, sales and chain letters. */
  spam: [
    'http', 'https', 'www', 'bit ly', 't me', 'lottery', 'लॉटरी', 'loan', 'लोन', 'offer', 'ऑफर', 'sale', 'सेल', 'discount',
    'छूट', 'chhoot', 'free', 'फ्री', 'kamao', 'कमाएँ', 'earn', 'jeeto', 'jeeti', 'won', 'win', 'profit', 'admission',
    'एडमिशन', 'बिकाऊ', 'bikau', 'vashikaran', 'वशीकरण', 'click', 'क्लिक', 'referral', 'crypto', 'returns', 'guaranteed',
    'गारंटी', 'registration fee', 'forward this', 'share karo', 'शेयर करो', 'फॉरवर्ड करें', 'bhejo nahi to', 'भेजो वरना',
    'logo ko bhejo', 'लोगों को भेजो', 'order', 'buy', 'खरीदें', 'collection', 'download app', 'showroom', 'शोरूम',
  ],
  abuse: [
    'हरामखोर', 'हरामी', 'साले', 'साला', 'कुत्ते', 'कमीने', 'कमीनों', 'भाड़ में', 'गधे', 'बेवकूफ', 'उल्लू के', 'पागल लोग',
    'बकवास', 'निकम्मा', 'थू', 'ऐसी की तैसी', 'तेरी माँ', 'औकात', 'harami', 'haramkhor', 'saala',
    'kutte', 'kuta', 'kamine', 'bhaad', 'bhad me', 'ulu ke', 'gadha', 'bewakoof', 'bewakuf', 'bakwas', 'nikame', 'thoo',
    'teri maa', 'teri ma', 'aisi ki taisi', 'aukat', 'bc', 'mc', 'nalayak', 'pagal', 'idiot', 'idiots', 'bastard',
    'bastards', 'bloody', 'moron', 'morons', 'stupid', 'f off', 'damn', 'clowns', 'dogs',
  ],
  /** Parties, leaders and slogans of Bihar and national politics. */
  political: [
    'भाजपा', 'राजद', 'जदयू', 'कांग्रेस', 'लोजपा', 'माले', 'जन सुराज', 'जिंदाबाद', 'वोट', 'मतों', 'कमल', 'लालटेन', 'विधायक',
    'सांसद', 'पार्टी', 'सरकार', 'चुनाव', 'विपक्ष', 'प्रत्याशी', 'उम्मीदवार', 'नीतीश', 'तेजस्वी', 'मोदी', 'लालू', 'bjp',
    'rjd', 'jdu', 'congress', 'ljp', 'nda', 'mahagathbandhan', 'jan suraj', 'zindabad', 'vote', 'lalten', 'kamal', 'mla',
    'party', 'sarkar', 'government', 'election', 'elections', 'rally', 'nitish', 'tejashwi', 'modi', 'lalu', 'opposition',
    'pratyashi', 'candidate', 'neta', 'cm', 'chief minister', 'मुमकिन', 'mumkin', '400 पार', 'अबकी बार', 'abki bar',
    'badlav', 'बदलाव', 'rajneeti', 'राजनीति', 'सदस्यता', 'कार्यकर्ता', 'जुलूस', 'sabha', 'सभा', 'jitaye', 'जिताएँ',
    'jitayein', 'gadar', 'गद्दार', 'leader', 'देश को बचा', 'vande mataram', 'nationalist',
  ],
  /**
   * Words of crime and grievance. Their presence keeps a message out of the filtered classes: a tip that names a
   * party, greets the officer or carries a link must still reach the officers (under 2% of tips may be lost).
   */
  signal: [
    'शराब', 'अवैध', 'स्मैक', 'गांजा', 'नकली', 'तस्करी', 'हथियार', 'चोरी', 'चोर', 'गिरोह', 'जुआ', 'बालू', 'बाल विवाह',
    'संदिग्ध', 'पैसे बाँट', 'उतरती', 'रिश्वत', 'घूस', 'daru', 'sharab', 'liquor', 'smack', 'ganja', 'nakli', 'naqli',
    'illegal', 'avaidh', 'chori', 'stolen', 'stealing', 'gang', 'jua', 'balu', 'katta', 'pistol', 'pistols', 'hathiyar',
    'fraud', 'racket', 'suspicious', 'sandigdh', 'bal vivah', 'paisa baant', 'paise baant', 'godam', 'bribe', 'bribes',
    'rishwat', 'truck', 'ट्रक', 'smuggling', 'brown sugar', 'drugs', 'chhedte', 'harass', 'threaten', 'threatens',
  ],
  /** Greetings and courtesy words; a message made only of these is a greeting. */
  greeting: [
    'नमस्ते', 'नमस्कार', 'प्रणाम', 'सुप्रभात', 'शुभ', 'प्रभात', 'रात्रि', 'जय', 'हिंद', 'राम', 'श्री', 'धन्यवाद', 'सर', 'जी',
    'सबको', 'आप', 'आपका', 'दिन', 'मंगलमय', 'हो', 'भइया', 'भैया', 'namaste', 'namaskar', 'pranam', 'suprabhat', 'subh',
    'shubh', 'prabhat', 'ratri', 'jai', 'hind', 'ram', 'radhe', 'dhanyawad', 'dhanyavad', 'good', 'morning', 'night',
    'evening', 'day', 'gm', 'gn', 'gud', 'mrng', 'hello', 'helo', 'hi', 'hlo', 'hey', 'thanks', 'thank', 'you', 'ok', 'sir',
    'ji', 'sabko', 'all', 'have', 'a', 'nice', 'blesed', 'to', 'how', 'are', 'kaise', 'hain', 'aap', 'mubarak', 'मुबारक',
    'बधाई', 'shubhkamnayein', 'shubhkamnaye', 'शुभकामनाएँ', 'शुभकामनाएं', 'happy', 'diwali', 'holi', 'eid', 'chhath',
    'puja', 'छठ', 'पूजा', 'होली', 'दीपावली', 'दिवाली', 'ईद', 'new', 'year', 'नव', 'वर्ष', 'hardik', 'हार्दिक', 'की', 'ki',
    'बहुत', 'को', 'police', 'officers', 'update', 'for', 'the', 'बिहार', 'पुलिस', 'independence', 'republic', 'जी',
    'sab', 'सब', 'ko', 'bahut', 'wishes', 'best', 'दिन', 'day',
  ],
} satisfies Record<string, string[]>;

type Lexicon = keyof typeof LEXICON;
const folded = Object.fromEntries(
  Object.entries(LEXICON).map(([k, list]) => [k, list.map((e) => words(e).join(' '))]),
) as Record<Lexicon, string[]>;
const greetingWords = new Set(folded.greeting);

function hits(ws: string[], lexicon: Lexicon): number {
  const joined = ` ${ws.join(' ')} `;
  // Latin words match whole; phrases and Devanagari stems match at a word start ("हत्याएँ", "goli mar di").
  return folded[lexicon].filter((entry) =>
    /^[a-z0-9]+$/.test(entry) ? ws.includes(entry) : joined.includes(` ${entry}`),
  ).length;
}

/**
 * Rules first, for what must never be missed or must never reach the officers; the model decides the rest. The
 * rules are ordered: a report about a rumour of firing is a rumour report, not an emergency.
 */
export class MessageClassifier {
  private readonly model: NaiveBayes<MessageClass>;

  constructor(
    training: Iterable<LabelledMessage>,
    private readonly thresholds: PolicyThresholds = POLICY_THRESHOLDS,
  ) {
    this.model = new NaiveBayes<MessageClass>().train(training);
  }

  classify(text: string): Classification {
    return applyPolicy(this.candidate(text), this.thresholds);
  }

  /** What the rules or the model propose, with the model's emergency posterior, before the policy places it. */
  candidate(text: string): Candidate {
    const all = this.model.rank(text);
    const emergencyP = all.find((r) => r.label === 'emergency')?.p ?? 0;
    return { ...this.propose(text, all), emergencyP };
  }

  private propose(text: string, all: { label: MessageClass; p: number }[]): Omit<Candidate, 'emergencyP'> {
    const ws = words(text);
    const signal = hits(ws, 'signal') > 0;
    const rule = (label: MessageClass) => ({ label, by: 'rule' as const, confidence: 1 });
    const model = (r: { label: MessageClass; p: number }) => ({
      label: r.label,
      by: 'model' as const,
      confidence: r.p,
    });

    if (hits(ws, 'rumour') > 0) return rule('rumour');
    if (hits(ws, 'emergency') > 0) return rule('emergency');
    if (!ws.length || ws.every((w) => greetingWords.has(w))) return rule('greeting');
    const links = /(https?:\/\/|www\.|bit\.ly|t\.me\/|\b[a-z0-9-]+\.(xyz|top|club|online|in|com)\b)/i.test(fold(text));
    if (!signal && (links || hits(ws, 'spamStrong') > 0 || hits(ws, 'spam') >= 2)) return rule('spam');
    if (!signal && hits(ws, 'abuse') > 0) return rule('abuse');
    if (!signal && hits(ws, 'political') > 0) return rule('political');

    // Emergencies and rumour reports are the rules' to find; the model claims them only when it is sure.
    const ranked = all.filter((r) => !['emergency', 'rumour'].includes(r.label) || r.p >= 0.8);
    // A crime word vetoes the filtered classes: better an officer reads one slogan than misses one tip.
    const best = signal ? ranked.find((r) => !NOISE.includes(r.label))! : ranked[0];
    // Politics without a party, leader or election word is usually a grievance against the government.
    if (best.label === 'political' && hits(ws, 'political') === 0)
      return model(ranked.find((r) => r.label !== 'political')!);
    return model(best);
  }
}
