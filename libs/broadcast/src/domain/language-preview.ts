import { smsSegments } from '@jansetu/channels';
import { CitizenLanguage, CitizenLanguages, citizenLanguageOf } from '@jansetu/platform';
import { BroadcastBody, renderVariant, variantFor, variantsOf } from './broadcast';

/** What one language's recipients will get: which text, its length, its SMS parts and cost. */
export interface LanguagePreview {
  /** The language these recipients chose (LANG …; Hindi unless they chose). */
  language: CitizenLanguage;
  recipients: number;
  /** Of them, those reached by SMS (who cost segments). */
  smsRecipients: number;
  /** The language of the text they get: their own, or Hindi when the broadcast has no text in theirs. */
  sentIn: CitizenLanguage;
  fallback: boolean;
  /** Characters of the text as sent (Unicode code points, direction marks included). */
  characters: number;
  encoding: 'gsm7' | 'ucs2';
  segmentsPerMessage: number;
  totalSegments: number;
  estimatedCostInr: number;
  /** Said when recipients of a language get the Hindi fallback. */
  warning: string | null;
}

const NAMES: Record<CitizenLanguage, { en: string; hi: string }> = {
  hi: { en: 'Hindi', hi: 'हिंदी' },
  en: { en: 'English', hi: 'अंग्रेज़ी' },
  bho: { en: 'Bhojpuri', hi: 'भोजपुरी' },
  mai: { en: 'Maithili', hi: 'मैथिली' },
  mag: { en: 'Magahi', hi: 'मगही' },
  ur: { en: 'Urdu', hi: 'उर्दू' },
};

/**
 * Per language of the audience (by the citizens' stored choices) and per variant the body carries: the text each
 * gets, and its SMS cost. Every language in it, whether chosen by a recipient or written by the officer, is listed.
 */
export function previewLanguages(
  body: BroadcastBody,
  audience: { channel: string; language: string; n: number }[],
  smsCostPerSegmentPaise: number,
  verificationCode: string | null = null,
): LanguagePreview[] {
  const counts = new Map<CitizenLanguage, { recipients: number; sms: number }>();
  for (const row of audience) {
    const language = citizenLanguageOf(row.language);
    const c = counts.get(language) ?? { recipients: 0, sms: 0 };
    c.recipients += row.n;
    if (row.channel === 'sms') c.sms += row.n;
    counts.set(language, c);
  }
  const written = new Set(variantsOf(body));
  return CitizenLanguages.filter((l) => counts.has(l) || written.has(l)).map((language) => {
    const { recipients, sms } = counts.get(language) ?? { recipients: 0, sms: 0 };
    const sentIn = variantFor(body, language);
    const text = renderVariant(body, sentIn, verificationCode);
    const seg = smsSegments(text);
    const fallback = sentIn !== language;
    return {
      language,
      recipients,
      smsRecipients: sms,
      sentIn,
      fallback,
      characters: [...text].length,
      encoding: seg.encoding,
      segmentsPerMessage: seg.segments,
      totalSegments: seg.segments * sms,
      estimatedCostInr: Math.round(seg.segments * sms * smsCostPerSegmentPaise) / 100,
      warning:
        fallback && recipients > 0
          ? `${recipients} recipient(s) chose ${NAMES[language].en} but there is no ${NAMES[language].en} text: ` +
            `they get the Hindi one / ${recipients} प्राप्तकर्ताओं ने ${NAMES[language].hi} चुनी है, पर ` +
            `${NAMES[language].hi} पाठ नहीं है: उन्हें हिंदी पाठ मिलेगा`
          : null,
    };
  });
}
