import { DataSource } from 'typeorm';

/** A message template of the WhatsApp business account as Meta reports it. */
export interface WhatsAppTemplateStatus {
  name: string;
  /** Meta's language code: hi, en, en_US, ur... */
  language: string;
  /** APPROVED, PENDING, REJECTED, PAUSED, DISABLED, ... (Meta adds states; any other than APPROVED cannot be sent). */
  status: string;
  category?: string;
  reason?: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/**
 * The value of a `message_template_status_update` webhook change: {event, message_template_name,
 * message_template_language, reason}. Undefined when a field is missing (the body comes from outside).
 */
export function templateStatusChange(value: unknown): WhatsAppTemplateStatus | undefined {
  if (!isObject(value)) return undefined;
  const name = text(value.message_template_name);
  const language = text(value.message_template_language);
  const status = text(value.event);
  if (!name || !language || !status || !/^[A-Z_]{3,32}$/.test(status)) return undefined;
  const reason = text(value.reason);
  return { name, language, status, ...(reason && reason !== 'NONE' ? { reason } : {}) };
}

/** Why a broadcast outside the window cannot go out as this template, or null when Meta approved it (or nobody synced). */
export function templateProblem(
  template: { name: string; language: string },
  known: WhatsAppTemplateStatus | undefined,
  catalogueSize: number,
): string | null {
  // An empty catalogue means the operator never synced it: nothing to hold the template to, so Meta decides.
  if (catalogueSize === 0 || known?.status === 'APPROVED') return null;
  if (!known) return `template ${template.name} (${template.language}) is not in the business account's catalogue`;
  return `template ${template.name} (${template.language}) is ${known.status} at Meta${known.reason ? `: ${known.reason}` : ''}`;
}

/** The business account's templates (table whatsapp_template, owned by channels). */
export class WhatsAppTemplateCatalogue {
  constructor(private readonly dataSource: DataSource) {}

  /** Applies statuses (from a sync or the webhook): each one replaces what was known of that name and language. */
  async record(statuses: readonly WhatsAppTemplateStatus[]): Promise<void> {
    for (const s of statuses) {
      await this.dataSource.query(
        `INSERT INTO whatsapp_template (name, language, status, category, reason) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (name, language) DO UPDATE SET status = EXCLUDED.status,
           category = COALESCE(EXCLUDED.category, whatsapp_template.category), reason = EXCLUDED.reason, updated_at = now()`,
        [s.name, s.language, s.status, s.category ?? null, s.reason ?? null],
      );
    }
  }

  /** What a template outside the window would meet: null when it may be sent. */
  async problem(template: { name: string; language: string }): Promise<string | null> {
    const [row] = await this.dataSource.query<
      { size: number; status: string | null; reason: string | null; category: string | null }[]
    >(
      `SELECT (SELECT count(*)::int FROM whatsapp_template) AS size, t.status, t.reason, t.category
         FROM (SELECT 1) one
         LEFT JOIN whatsapp_template t ON t.name = $1 AND t.language = $2`,
      [template.name, template.language],
    );
    const known = row.status
      ? { ...template, status: row.status, ...(row.reason ? { reason: row.reason } : {}) }
      : undefined;
    return templateProblem(template, known, row.size);
  }

  async all(): Promise<WhatsAppTemplateStatus[]> {
    const rows = await this.dataSource.query<
      { name: string; language: string; status: string; category: string | null; reason: string | null }[]
    >(`SELECT name, language, status, category, reason FROM whatsapp_template ORDER BY name, language`);
    return rows.map((r) => ({
      name: r.name,
      language: r.language,
      status: r.status,
      ...(r.category ? { category: r.category } : {}),
      ...(r.reason ? { reason: r.reason } : {}),
    }));
  }
}

/**
 * Reads every template of the business account from Meta's Graph API (GET /{version}/{waba-id}/message_templates),
 * page by page. Throws with Meta's error when the token or the account id is wrong.
 */
export async function fetchTemplateCatalogue(settings: {
  baseUrl: string;
  version: string;
  businessAccountId: string;
  accessToken: string;
}): Promise<WhatsAppTemplateStatus[]> {
  const found: WhatsAppTemplateStatus[] = [];
  let url: string | undefined =
    `${settings.baseUrl.replace(/\/+$/, '')}/${settings.version}/${settings.businessAccountId}/message_templates` +
    `?fields=name,language,status,category&limit=100`;
  for (let page = 0; url && page < MAX_PAGES; page++) {
    const response: Response = await fetch(url, { headers: { authorization: `Bearer ${settings.accessToken}` } });
    const body = (await response.json().catch(() => undefined)) as unknown;
    if (!response.ok || !isObject(body) || !Array.isArray(body.data)) {
      const error = isObject(body) && isObject(body.error) ? text(body.error.message) : undefined;
      throw new Error(`Meta refused the template list (HTTP ${response.status}${error ? `: ${error}` : ''})`);
    }
    for (const t of body.data) {
      if (!isObject(t)) continue;
      const name = text(t.name);
      const language = text(t.language);
      const status = text(t.status);
      if (!name || !language || !status) continue;
      const category = text(t.category);
      found.push({ name, language, status, ...(category ? { category } : {}) });
    }
    url = isObject(body.paging) ? text(body.paging.next) : undefined;
  }
  return found;
}

/** 100 templates a page; Meta allows at most 6,000 templates a business account. */
const MAX_PAGES = 60;
