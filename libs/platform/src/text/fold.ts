/**
 * Folds what differs between phones and typists and not in meaning: Unicode form, case, nukta, chandrabindu,
 * zero-width joiners, Devanagari and Urdu (Arabic-Indic) digits, and repeated Latin letters ("stopp", "chhodo", "gooood"). Keywords, intents
 * and the classifier all read citizens' text through this one function, so a spelling variant needs no entries.
 */
export function fold(text: string): string {
  return (
    text
      .normalize('NFC')
      .toLowerCase()
      .replace(/\u200c|\u200d|\u093c/g, '')
      .replace(/\u0901/g, '\u0902')
      .replace(/[\u0966-\u096f]/g, (d) => String(d.charCodeAt(0) - 0x966))
      .replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) % 16))
      // Arabic yeh and kaf, which some phones type for Urdu's own letters.
      .replace(/\u064a/g, '\u06cc')
      .replace(/\u0643/g, '\u06a9')
      .replace(/([a-z])\1+/g, '$1')
  );
}

/** The folded words of a text, punctuation and emoji dropped. */
export function words(text: string): string[] {
  return fold(text)
    .replace(/[^\p{L}\p{M}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
}
