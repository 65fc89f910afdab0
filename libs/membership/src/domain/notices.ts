/**
 * The consent notice version recorded with every join (DPDP Act 2023); bump it when the notice text changes
 * (`joined` in any language of reply-texts.ts, the poster's footer). v3: one language per notice.
 */
export const CONSENT_NOTICE_VERSION = '2026-12-v3';
