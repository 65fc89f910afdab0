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
    // Written from general knowledge, not from any evaluation set: drowning and floods, collapse, poison, gas,
    // electrocution, snakebite, stampede, riot and stone pelting, explosives, fire, violence happening now.
    'डूब गया', 'डूब गई', 'डूब गए', 'डूबा', 'डूबने', 'डूबल', 'डूब गेल', 'बह गए', 'बह गया', 'बह गई', 'बहा ले गया',
    'doob gaya', 'doob gayi', 'doob gaye', 'dub gaya', 'dub gayi', 'dub raha', 'dub rahi', 'doob rahi', 'dubal', 'doob gel',
    'bah gaye', 'bah gaya', 'bah gayi', 'drowning', 'drowned', 'swept away', 'washed away', 'capsized', 'नाव पलट',
    'पुल गिर', 'पुल टूट', 'छत गिर', 'मकान गिर', 'दीवार गिर', 'ढह गया', 'ढह गई', 'मलबे', 'दब गए', 'दबे हैं', 'pul gir',
    'pul toot', 'chhat gir', 'makan gir', 'deewar gir', 'diwar gir', 'dab gaye', 'malbe', 'collapsed', 'collapse',
    'जहरीली शराब', 'जहरीली', 'जहर खा', 'जहर दे', 'zehrili', 'zahrili', 'jahrili', 'zehreeli', 'zeher kha', 'zahar kha',
    'jahar kha', 'hooch', 'spurious liquor', 'poisonous', 'poisoned', 'गैस', 'दम घुट', 'बेहोश', 'gas leak', 'gas',
    'dam ghut', 'behosh', 'unconscious', 'suffocat', 'सिलेंडर फट', 'cylinder fat', 'cylinder blast', 'blast',
    'करंट लग', 'करंट से', 'current lag', 'current laga', 'current se', 'electrocuted', 'electric shock', 'shock lag',
    'सांप काट', 'सांप ने काट', 'सांप डस', 'डस लिया', 'saanp kat', 'sanp kat', 'samp kat', 'saap kat', 'sap kat',
    'snake bite', 'snakebite', 'bitten by a snake', 'सांप', 'saanp', 'sanp', 'snake', 'سانپ', 'भगदड़', 'bhagdad', 'bhagdar', 'stampede', 'crushed',
    'दंगा', 'दंगे', 'danga', 'dange', 'riot', 'riots', 'rioting', 'पथराव', 'पत्थरबाजी', 'पत्थर चल', 'पत्थर फेंक',
    'pathrav', 'pathraw', 'patharbaji', 'pathar chal', 'patthar chal', 'pathar phek', 'stone pelting', 'pelting stones',
    'झड़प', 'jhadap', 'clash', 'clashes', 'तलवार', 'talwar', 'swords', 'लाठी डंडा', 'lathi danda',
    'बम फट', 'बम मिला', 'बम जैसा', 'बम रखा', 'बम से', 'विस्फोट', 'bomb jaisa', 'visphot', 'explosion', 'explosive', 'ied', 'grenade', 'पटरी पर', 'patri par',
    'patri pe', 'railway track', 'rail line', 'derail', 'आग लगा', 'आगि', 'आग लागल', 'aagi', 'aag lagal', 'jal raha',
    'jal rahi', 'jal rahe', 'जल रहा', 'जल रही', 'जल रहे', 'जला दिया', 'jala diya', 'blaze', 'flames', 'on fire',
    'गोली चलल', 'goli chalal', 'मार देलक', 'मार देलस', 'maar delak', 'maar delas', 'मार रहे', 'पीट रहे', 'maar rahe',
    'mar rahe', 'peet rahe', 'pit rahe', 'मार डाला', 'maar dala', 'mar dala', 'बचावऽ', 'बचाव', 'बचाउ', 'बचा लो', 'बचा लीजिए',
    'bachaw', 'bachau', 'bacha lo', 'bachaiye', 'bachalo', 'help me', 'please help', 'help karo', 'help kijiye', 'sos',
    'madad karo', 'मदद करो', 'मदद कीजिए', 'खून बह', 'खून निकल', 'khoon beh', 'khun beh', 'khoon nikal',
    'khun nikal', 'bleeding', 'मौत हो गई', 'मर गया', 'मर गई', 'मर गए', 'maut ho gayi', 'mar gaya', 'mar gayi', 'mar gaye',
    'died', 'dead', 'dead body', 'आत्महत्या', 'खुदकुशी', 'फांसी', 'fansi', 'phansi', 'suicide', 'तेजाब', 'acid', 'बलात्कार',
    'दुष्कर्म', 'rape', 'raped', 'उठा ले गए', 'उठा ले गया', 'अगवा', 'utha le gaye', 'utha le gaya', 'utha le gel', 'agwa',
    'abducted', 'बच्चा गायब', 'बच्ची गायब', 'bachcha gayab', 'baccha gayab', 'bachi gayab', 'घुस आए', 'घुस गए', 'ghus aaye',
    'ghus gaye', 'broke in', 'टक्कर', 'कुचल', 'takkar', 'kuchal', 'run over', 'hit and run', 'पलट गया', 'palat gaya',
    'overturned', 'stabbed', 'shot dead', 'opened fire', 'bandook', 'बंदूक', 'लूट रहे', 'loot rahe', 'लूट लिया', 'loot liya',
    'loot lelak', 'looted', 'मारपीट हो रही', 'marpeet ho rahi', 'marpit ho rahi', 'attacked', 'under attack', 'heart attack',
    // Urdu in Nastaliq and romanised.
    'قتل', 'گولی', 'فائرنگ', 'آگ', 'بچاؤ', 'بچائیں', 'اغوا', 'ڈکیتی', 'زخمی', 'حادثہ', 'ڈوب', 'لاش', 'دھماکہ', 'بم',
    'فساد', 'پتھراؤ', 'حملہ', 'qatl', 'katl', 'hadsa', 'zakhmi', 'jakhmi', 'fasad',
  ],
  /** A report about a rumour, not the rumour's own subject (which often sounds like an emergency). */
  rumour: [
    'अफवाह', 'झूठी खबर', 'वायरल', 'फर्जी ऑडियो', 'फर्जी वीडियो', 'झूठ फैला', 'afwah', 'afvah', 'rumour', 'rumor', 'viral',
    'fake news', 'jhooti khabar', 'jhuthi khabar', 'fake message', 'fake audio', 'fake video', 'forwarded', 'forwarding',
    'forward kar rahe', 'forward aa raha', 'being shared', 'मैसेज घूम', 'मैसेज आ रहा', 'message chal', 'message aa raha',
    'खबर फैली', 'झूठ', 'jhooth', 'jhuth', 'sach hai kya', 'सच क्या', 'is it true', 'sach kya', 'looks fake', 'is false',
    'morphed', 'purana video', 'पुराना वीडियो', 'old video', 'लोग कह रहे', 'log bol rahe', 'फर्जी',
    'सच है क्या', 'क्या यह सच', 'kya ye sach', 'kya yah sach', 'sahi hai kya', 'सही है क्या', 'forwarded as received',
    'hoax', 'misinformation', 'unverified', 'afwa', 'afwaah', 'افواہ', 'جھوٹی خبر', 'وائرل',
  ],
  /** Enough alone: lotteries, black magic, chain letters, land and loan touts. */
  spamStrong: [
    'lottery', 'लॉटरी', 'vashikaran', 'वशीकरण', 'miracle', 'चमत्कार', 'बिकाऊ', 'bikau', 'forward this', 'शेयर करो',
    'share karo', 'logo ko bhejo', 'लोगों को भेजो', 'भेजो वरना', 'crypto', 'referral', 'dream11', 'सस्ता लोन', 'sasta loan',
    'बधाई हो', 'badhai ho', 'specialist', 'समस्या का समाधान', 'samasya ka hal', 'nuksan hoga', 'नुकसान होगा',
    'kbc', 'kaun banega crorepati', 'lucky draw', 'लकी ड्रा', 'jackpot', 'rummy', 'रम्मी', 'teen patti', 'aviator',
    'casino', 'work from home', 'part time job', 'पार्ट टाइम', 'मनोकामना', 'manokamna', 'आगे भेजें', 'aage bheje',
    'لاٹری', 'انعام',
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
    'कुत्ता', 'हरामजादे', 'haramzade', 'haramjade', 'chutiya', 'chutiye', 'चूतिया', 'madarchod', 'bhenchod', 'behenchod',
    'bsdk', 'bhosdike', 'भोसड़ी', 'gandu', 'गांडू', 'randi', 'suar', 'सूअर', 'kamina', 'कमीना', 'besharam', 'बेशर्म',
    'nikama', 'jahil', 'जाहिल', 'ganwar', 'गंवार', 'shameless', 'fool',
    'fools', 'shit', 'fuck', 'fucking', 'wtf', 'ulu', 'حرامی', 'کمینے', 'کتے', 'بے غیرت', 'beghairat', 'begairat', 'ससुरा',
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
    'हाथ छाप', 'तीर छाप', 'कमल छाप', 'लालटेन छाप', 'hath chhap', 'teer chhap', 'tir chhap', 'kamal chhap', 'evm', 'मतदान',
    'matdan', 'voting', 'मुर्दाबाद', 'murdabad', 'aimim', 'owaisi', 'ओवैसी', 'bsp', 'rahul gandhi', 'राहुल गांधी', 
    'prashant kishor', 'chirag paswan', 'jitan ram manjhi', 'زندہ باد', 'ووٹ', 'انتخاب', 'votes', 'manifesto', 'घोषणापत्र',
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
    // Grievance words: a complaint carrying an insult or a party name still reaches the officers.
    'कब्जा', 'धमकी', 'मारपीट', 'शिकायत', 'एफआईआर', 'सनहा', 'दहेज', 'ठगी', 'ठग', 'गायब', 'लापता', 'पिटाई', 'साइबर',
    'खाते से', 'kabza', 'kabja', 'fir nahi', 'fir darj', 'fir likh', 'fir lodge', 'fir register', 'fir karne', 'dhamki', 'marpit', 'marpeet', 'shikayat', 'complaint', 'sanha', 'dahej', 'dowry',
    'thagi', 'cheated', 'scam', 'gayab', 'lapata', 'missing', 'pitai', 'cyber', 'otp', 'khate se', 'account se',
    'फरार', 'farar', 'absconding', 'wanted', 'call centre', 'call center', 'कॉल सेंटर', 'trafficking',
    'नाबालिग', 'nabalig', 'minor', 'सट्टा', 'satta', 'नशा', 'नशे', 'nasha', 'heroin', 'charas', 'चरस', 'afeem', 'अफीम',
    'cough syrup', 'कफ सिरप', 'mahua', 'महुआ', 'bhatti', 'भट्ठी', 'खनन', 'khanan', 'mining', 'blackmail', 'ब्लैकमेल',
    'छेड़', 'molest', 'stalking', 'karwai', 'karyavahi', 'कार्रवाई', 'insaf', 'इंसाफ', 'nyay', 'न्याय',
    'شراب', 'چوری', 'شکایت', 'دھمکی',
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
    'assalamualaikum', 'asalamualaikum', 'salam', 'adab', 'shukriya', 'jumma', 'khuda', 'allah', 'hafiz', 'السلام', 'علیکم',
    'آداب', 'شکریہ', 'جمعہ', 'مبارک', 'عید', 'गोड़', 'लागीं', 'gor', 'lagi', 'parnam', 'परनाम', 'सादर', 'नमन', 'naman',
    'dhanyabad', 'धन्यबाद', 'thnx', 'thx', 'tq', 'ty', 'nyt', 'morng', 'goodmorning', 'goodnight', 'sandhya', 'संध्या',
    'okay', 'acha', 'theek', 'thik', 'hai', 'ठीक', 'है', 'अच्छा', 'dear', 'friends', 'everyone', 'sabhi', 'सभी', 'और', 'aur',
    'of', 'bhai', 'भाई', 'bhaiya', 'sahab', 'saheb', 'साहब', 'स्वतंत्रता', 'दिवस', 'गणतंत्र', 'रक्षाबंधन', 'raksha',
    'bandhan', 'दशहरा', 'dussehra', 'dashehra', 'navratri', 'नवरात्रि', 'makar', 'sankranti', 'मकर', 'संक्रांति',
    'janmashtami', 'जन्माष्टमी', 'bakrid', 'बकरीद', 'christmas', 'merry', 'blessed', 'bless', 'god', 'har', 'mahadev', 'हर',
    'महादेव', 'mata', 'di', 'माता', 'दी', 'abhinandan', 'अभिनंदन', 'aapko', 'आपको', 'parivar', 'परिवार', 'sahit', 'सहित',
    'ka', 'का', 'ke', 'के', 'में', 'me', 'bihar', 'jai bihar', 'sat', 'sri', 'akal', 'regards', 'wish', 'wishing',
  ],
} satisfies Record<string, string[]>;

type Lexicon = keyof typeof LEXICON;
const folded = Object.fromEntries(
  Object.entries(LEXICON).map(([k, list]) => [k, list.map((e) => words(e).join(' '))]),
) as Record<Lexicon, string[]>;
const greetingWords = new Set(folded.greeting);

/**
 * A word's consonant skeleton, for matching what people type without matras or with another romanisation:
 * "golee chalii" and "goli chali" both read "gl cl", "हतया" and "हत्या" both "हतय". Only used where a false match
 * costs an officer a glance (emergency and crime words), never to filter.
 */
function skeleton(w: string): string {
  if (/[\u0900-\u097f]/.test(w))
    return w
      .replace(/[\u093e-\u094d\u0900-\u0903\u0962\u0963]/g, '')
      .replace(/आ/g, 'अ')
      .replace(/ई/g, 'इ')
      .replace(/ऊ/g, 'उ')
      .replace(/ऐ/g, 'ए')
      .replace(/औ/g, 'ओ');
  if (!/^[a-z]+$/.test(w)) return w;
  const c = w
    .replace(/([bcdgkpt])h/g, '$1')
    .replace(/sh/g, 's')
    .replace(/w/g, 'v')
    .replace(/z/g, 'j')
    .replace(/q/g, 'k')
    .replace(/f/g, 'p')
    .replace(/y/g, 'i');
  return c[0] + c.slice(1).replace(/[aeiou]/g, '');
}
const SKELETON_LEXICONS: readonly Lexicon[] = ['emergency', 'signal'];
const skeletons = Object.fromEntries(
  SKELETON_LEXICONS.map((k) => [
    k,
    folded[k]
      .map((e) => e.split(' ').map(skeleton).join(' '))
      // Short skeletons ("bc" for bachao and bachche, "धमक" for धमाका and धमकी) would match too much.
      .filter((e) => e.replace(/ /g, '').length >= 4),
  ]),
) as Partial<Record<Lexicon, string[]>>;

function hits(ws: string[], lexicon: Lexicon): number {
  const joined = ` ${ws.join(' ')} `;
  // Latin words match whole; phrases and Devanagari stems match at a word start ("हत्याएँ", "goli mar di").
  const exact = folded[lexicon].filter((entry) =>
    /^[a-z0-9]+$/.test(entry) ? ws.includes(entry) : joined.includes(` ${entry}`),
  ).length;
  if (exact || !skeletons[lexicon]) return exact;
  const bare = ` ${ws.map(skeleton).join(' ')} `;
  // Latin skeletons match whole words (they already drop the endings); Devanagari ones at a word start.
  return skeletons[lexicon].filter((e) => bare.includes(/[a-z]/.test(e) ? ` ${e} ` : ` ${e}`)).length;
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
