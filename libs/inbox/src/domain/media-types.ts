import { Classification } from './classifier';

export type MediaKind = 'image' | 'audio' | 'video' | 'document';

/** What the bytes are, by their first bytes (never the provider's or phone's declared type): only what officers can open. */
export function sniffMedia(bytes: Buffer): { kind: MediaKind; mimeType: string } | null {
  const at = (offset: number, ...values: number[]) => values.every((v, i) => bytes[offset + i] === v);
  const ascii = (offset: number, text: string) =>
    bytes.subarray(offset, offset + text.length).toString('latin1') === text;
  if (at(0, 0xff, 0xd8, 0xff)) return { kind: 'image', mimeType: 'image/jpeg' };
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return { kind: 'image', mimeType: 'image/png' };
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return { kind: 'image', mimeType: 'image/webp' };
  // WhatsApp and Telegram voice notes are Opus in Ogg; Indian feature-phone MMS often AMR.
  if (ascii(0, 'OggS')) return { kind: 'audio', mimeType: 'audio/ogg' };
  if (ascii(0, '#!AMR')) return { kind: 'audio', mimeType: 'audio/amr' };
  if (ascii(0, 'ID3') || at(0, 0xff, 0xfb) || at(0, 0xff, 0xf3)) return { kind: 'audio', mimeType: 'audio/mpeg' };
  if (ascii(4, 'ftyp')) {
    const brand = bytes.subarray(8, 12).toString('latin1');
    return brand.startsWith('M4A')
      ? { kind: 'audio', mimeType: 'audio/mp4' }
      : brand.startsWith('3g')
        ? { kind: 'video', mimeType: 'video/3gpp' }
        : { kind: 'video', mimeType: 'video/mp4' };
  }
  if (at(0, 0x1a, 0x45, 0xdf, 0xa3)) return { kind: 'video', mimeType: 'video/webm' };
  if (ascii(0, '%PDF-')) return { kind: 'document', mimeType: 'application/pdf' };
  return null;
}

/**
 * A tip with a photo, a voice note or a location is something to look at, whatever its words: never filtered
 * (a caption "sir" is not a greeting), and one without words is a tip. Emergencies stay as they are.
 */
export function classifyWithMedia(classification: Classification, text: string, hasMedia: boolean): Classification {
  if (!hasMedia) return classification;
  if (!text.trim()) return { label: 'tip', queue: 'main', urgent: false, by: 'rule', confidence: 1 };
  return classification.queue === 'filtered' ? { ...classification, queue: 'main' } : classification;
}
