import { normaliseText } from './normalise';

/** Top-level domains that make a bare `word.tld` a link even without a scheme, `www.` or a path. */
const BARE_TLDS = new Set(
  (
    'com in org net info biz co io me ly app online site top xyz club shop store live link click today world ' +
    'news win vip fun space website tech pro cc tk ml ga cf gq ru cn us uk bharat ind gov nic edu ac'
  ).split(' '),
);

/** A link found in a text: what was written and the host a browser would go to (WHATWG URL parsing). */
export interface FoundLink {
  written: string;
  host: string;
}

const CANDIDATE = /(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S+|\[[0-9a-f:.]+\]\S*|[^\s/]*[\p{L}\p{N}-]\.[\p{L}\p{N}][^\s]*/giu;

/**
 * The links in a text, by the host they would really open: `http://gov.in@evil.com` goes to evil.com,
 * `http://0x7f.1/` to 127.0.0.1, `cybercrime．gov．in．evil．com` (full-width dots) to evil.com, an IDN to its
 * punycode (`xn--…`). Bare `name.tld` counts only for the TLDs above, so "station.Please" or "B.J.P." is no link.
 */
export function findLinks(text: string): FoundLink[] {
  const norm = text.normalize('NFKC').replace(/[\u200b-\u200f\u2060-\u2064\ufeff\u00ad]/g, '');
  const found: FoundLink[] = [];
  for (const m of norm.matchAll(CANDIDATE)) {
    const written = m[0].replace(/[)\]}>,;:!?'"।.]+$/u, '');
    const explicit = /^[a-z][a-z0-9+.-]*:\/\//i.test(written);
    const withScheme = explicit ? written : `http://${written}`;
    let url: URL;
    try {
      url = new URL(withScheme);
    } catch {
      continue;
    }
    if (!/^https?:$/.test(url.protocol) && explicit) {
      found.push({ written, host: url.hostname || url.protocol });
      continue;
    }
    const host = url.hostname.replace(/\.$/, '');
    if (!host) continue;
    const tld = host.split('.').pop() ?? '';
    const bare = !explicit && !/^www\./i.test(written) && !/[/?#]/.test(written.slice(written.indexOf('.')));
    if (bare && !isRawIp(host) && !BARE_TLDS.has(tld) && !tld.startsWith('xn--')) continue;
    if (!host.includes('.') && !isRawIp(host)) continue;
    // "10.30 बजे" parses as 10.0.0.30: a bare address counts only when written as four numbers.
    if (bare && isRawIp(host) && !/^\d{1,3}(\.\d{1,3}){3}(:\d+)?(\/|$)/.test(written)) continue;
    found.push({ written, host });
  }
  return found;
}

export function isRawIp(host: string): boolean {
  return (
    /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[') || (/^[0-9a-f:]+$/i.test(host) && host.includes(':'))
  );
}

/** A host's look-alike skeleton: confusables and digits read as letters, `rn` as `m`, hyphens and dots dropped. */
function skeleton(host: string): string {
  return normaliseText(host)
    .replace(/0/g, 'o')
    .replace(/[1l|]/g, 'i')
    .replace(/rn/g, 'm')
    .replace(/vv/g, 'w')
    .replace(/[-.]/g, '');
}

/**
 * Why a link may not appear in a police message, or null. Only hosts on (or under) an allowed domain pass; a raw
 * IP address, a punycode/IDN host or a look-alike of an allowed domain is named as such, so the officer sees why.
 */
export function linkViolation(link: FoundLink, allowed: string[], blocked: string[] = []): string | null {
  const host = link.host.toLowerCase();
  const under = (p: string) => host === p || host.endsWith(`.${p}`);
  if (isRawIp(host)) return `a link to a raw IP address (${host}) / IP पते वाला लिंक वर्जित है`;
  if (blocked.some(under)) return `link to ${host} is blocked / यह लिंक वर्जित है`;
  if (allowed.some(under) && !host.split('.').some((l) => l.startsWith('xn--'))) return null;
  if (host.split('.').some((l) => l.startsWith('xn--'))) {
    return `a link to an internationalised (punycode) domain ${host} / अंतरराष्ट्रीय डोमेन लिंक वर्जित है`;
  }
  const sk = skeleton(host);
  const lookAlike = allowed.find((p) => sk.includes(skeleton(p)) || skeleton(p).includes(sk));
  if (lookAlike) {
    return `link to ${host} looks like ${lookAlike} but is not it / ${lookAlike} जैसा दिखने वाला नकली लिंक`;
  }
  return `link to ${host} is not on the allowed list (government sites only) / केवल सरकारी लिंक की अनुमति है`;
}
