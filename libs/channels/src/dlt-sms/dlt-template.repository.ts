import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { DltTemplate, dltTemplateFile } from './dlt-templates';

/** The only code that reads or writes dlt_template. */
export class DltTemplateRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The operator's file is the register: what it lists is stored, what it no longer lists is removed. */
  async replaceAll(templates: readonly DltTemplate[]): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query(`DELETE FROM dlt_template WHERE NOT (id = ANY($1::text[]))`, [templates.map((t) => t.id)]);
      for (const t of templates) {
        await m.query(
          `INSERT INTO dlt_template (id, text, language, kind, key) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (id) DO UPDATE SET text = EXCLUDED.text, language = EXCLUDED.language, kind = EXCLUDED.kind,
             key = EXCLUDED.key, updated_at = now()
           WHERE (dlt_template.text, dlt_template.language, dlt_template.kind, dlt_template.key)
             IS DISTINCT FROM (EXCLUDED.text, EXCLUDED.language, EXCLUDED.kind, EXCLUDED.key)`,
          [t.id, t.text, t.language, t.kind, t.key ?? null],
        );
      }
    });
  }

  async all(): Promise<DltTemplate[]> {
    const rows = await this.dataSource.query<
      { id: string; text: string; language: string; kind: DltTemplate['kind']; key: string | null }[]
    >(`SELECT id, text, language, kind, key FROM dlt_template ORDER BY id`);
    return rows.map((r) => ({
      id: r.id,
      text: r.text,
      language: r.language,
      kind: r.kind,
      ...(r.key ? { key: r.key } : {}),
    }));
  }
}

/** Reads and checks DLT_TEMPLATES_FILE; a bad file stops start-up with what is wrong in it. */
export function readDltTemplateFile(path: string): DltTemplate[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`DLT_TEMPLATES_FILE ${path}: ${(e as Error).message}`);
  }
  const parsed = dltTemplateFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`DLT_TEMPLATES_FILE ${path}: ${issue.path.join('.') || '(file)'} ${issue.message}`);
  }
  return parsed.data.templates;
}
