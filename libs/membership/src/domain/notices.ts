/**
 * The consent notice version recorded with every join (DPDP Act 2023); bump it when the notice text changes
 * (Replies.joined, the poster's footer).
 */
export const CONSENT_NOTICE_VERSION = '2026-11-v2';
