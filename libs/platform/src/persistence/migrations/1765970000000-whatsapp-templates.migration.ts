import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The WhatsApp business account's message templates as Meta knows them (owned by channels): synced from the
 * message_templates API and kept current by the message_template_status_update webhook, so a broadcast outside the
 * 24-hour window is refused at preview when its template is not approved in that language.
 */
export class WhatsAppTemplates1765970000000 implements MigrationInterface {
  name = 'WhatsAppTemplates1765970000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE whatsapp_template (
        name text NOT NULL,
        language text NOT NULL,
        status text NOT NULL,
        category text,
        reason text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (name, language)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE whatsapp_template`);
  }
}
