/** The consent notice version recorded with every join (DPDP Act 2023); bump it when the notice text changes. */
export const CONSENT_NOTICE_VERSION = '2026-11-v1';
