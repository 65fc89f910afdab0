import { Verdict } from './verdict';

/** Where and when a genuine broadcast came from, as the answer names it. */
export interface Origin {
  nameHi: string;
  nameEn: string;
  date: string;
}

/** "02-12-2026", in India's time zone: the day the citizen saw it. */
export function indianDate(at: Date): string {
  const d = new Date(at.getTime() + 330 * 60_000);
  return `${String(d.getUTCDate()).padStart(2, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${d.getUTCFullYear()}`;
}

/** The answer to "is this genuine?": Hindi first, English beside, short enough for SMS. */
export function answerOf(verdict: Verdict, origin: Origin | null): string {
  switch (verdict.kind) {
    case 'genuine':
      return (
        `यह बिहार पुलिस का असली संदेश है: ${origin?.nameHi ?? 'बिहार पुलिस'}, ${origin?.date ?? ''}।\n` +
        `Genuine Bihar Police message: ${origin?.nameEn ?? 'Bihar Police'}, ${origin?.date ?? ''}.`
      );
    case 'altered':
      return (
        `सावधान: यह ${origin?.date ?? ''} के पुलिस संदेश की बदली हुई नकल है (अंक बदले गए)। आगे न भेजें।\n` +
        `Caution: an altered copy of a police message of ${origin?.date ?? ''} (numbers changed). Do not forward.`
      );
    case 'rumour': {
      const { hi, en } = verdict.rumour.rebuttal;
      return `पुलिस: यह अफवाह है। ${hi}` + (en ? `\nPolice: this is a rumour. ${en}` : '');
    }
    case 'unknown-code':
      return (
        `कोड ${verdict.code} किसी पुलिस संदेश का नहीं है: संदेश नकली हो सकता है।\n` +
        `Code ${verdict.code} is on no police message: it may be fake.`
      );
    case 'not-police':
      return (
        'यह बिहार पुलिस का संदेश नहीं है। बिना जाँचे आगे न भेजें।\n' +
        'This is not a Bihar Police message. Do not forward it unchecked.'
      );
    case 'empty':
      return 'जाँचने के लिए भेजें: सत्यापन <कोड>, या संदेश आगे भेजें।\nTo check a message: VERIFY <code>, or forward it to us.';
  }
}
