/**
 * SMS encoding and segment counting per 3GPP TS 23.038 (GSM 7-bit default alphabet) and TS 23.040
 * (concatenated SMS: the 6-byte user data header leaves 153 septets or 67 UCS-2 characters per part).
 */

/** The GSM 7-bit default alphabet, positions 0x00-0x7F in order, without 0x1B (the escape to the extension table). */
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** The default extension table: each character is sent as ESC + code, so it costs 2 septets. */
const GSM7_EXTENSION = '\f^{}\\[~]|€';

const BASIC = new Set(GSM7_BASIC);
const EXTENSION = new Set(GSM7_EXTENSION);

const GSM7_SINGLE = 160;
const GSM7_PART = 153;
const UCS2_SINGLE = 70;
const UCS2_PART = 67;

export interface SmsSegments {
  encoding: 'gsm7' | 'ucs2';
  /** Septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2 (an emoji counts 2). */
  units: number;
  /** Messages the network bills: 1 when the text fits a single SMS (an empty text is still one SMS). */
  segments: number;
  /** Capacity of each segment: 160 / 70 for a single SMS, 153 / 67 for each part of a concatenated one. */
  perSegment: number;
}

/** True when every character of the text is in the GSM-7 basic or extension table. */
export function isGsm7(text: string): boolean {
  for (const ch of text) {
    if (!BASIC.has(ch) && !EXTENSION.has(ch)) return false;
  }
  return true;
}

/** How a text travels as SMS: its encoding, its length in that encoding, and how many parts it takes. */
export function smsSegments(text: string): SmsSegments {
  const gsm7 = isGsm7(text);
  // Iterating by code point keeps escape pairs and surrogate pairs whole, so neither is split across parts.
  const widths: number[] = [];
  for (const ch of text) widths.push(gsm7 ? (EXTENSION.has(ch) ? 2 : 1) : ch.length);
  const units = widths.reduce((sum, w) => sum + w, 0);
  const single = gsm7 ? GSM7_SINGLE : UCS2_SINGLE;
  const part = gsm7 ? GSM7_PART : UCS2_PART;
  const encoding = gsm7 ? 'gsm7' : 'ucs2';
  if (units <= single) return { encoding, units, segments: 1, perSegment: single };

  let segments = 1;
  let used = 0;
  for (const w of widths) {
    if (used + w > part) {
      segments += 1;
      used = 0;
    }
    used += w;
  }
  return { encoding, units, segments, perSegment: part };
}
