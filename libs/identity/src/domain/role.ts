export const Roles = ['hq_admin', 'district_admin', 'subdivision_officer', 'station_officer', 'auditor'] as const;
export type Role = (typeof Roles)[number];

/** Roles that speak for the police (broadcast, manage groups); auditors only read. */
export const OperationalRoles: Role[] = ['hq_admin', 'district_admin', 'subdivision_officer', 'station_officer'];
