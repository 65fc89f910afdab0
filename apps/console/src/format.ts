/**
 * Numbers and times as an Indian reader expects them: lakh/crore grouping (hi-IN / en-IN) and India Standard Time,
 * whatever time zone the officer's device is set to.
 */
const locale = (language: string) => (language === 'en' ? 'en-IN' : 'hi-IN');

export function formatNumber(n: number, language: string): string {
  return new Intl.NumberFormat(locale(language)).format(n);
}

/** A 0–1 ratio as a percentage ('—' when there is nothing to measure). */
export function formatPercent(ratio: number | null, language: string): string {
  if (ratio === null) return '—';
  return new Intl.NumberFormat(locale(language), { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}

export function formatDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(locale(language), {
    timeZone: 'Asia/Kolkata',
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** A duration in the largest unit that reads naturally: seconds, minutes, or hours with one decimal. */
export function formatDuration(seconds: number | null, language: string): string {
  if (seconds === null) return '—';
  const [value, unit] =
    seconds < 60
      ? [seconds, 'second']
      : seconds < 3600
        ? [Math.round(seconds / 60), 'minute']
        : [seconds / 3600, 'hour'];
  return new Intl.NumberFormat(locale(language), {
    style: 'unit',
    unit,
    unitDisplay: 'long',
    maximumFractionDigits: 1,
  }).format(value);
}

/** The name of a jurisdiction in the UI language. */
export const nameOf = (n: { nameHi: string; nameEn: string }, language: string) =>
  language === 'en' ? n.nameEn : n.nameHi;
