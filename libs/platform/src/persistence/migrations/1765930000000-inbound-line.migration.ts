import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The line (a named WhatsApp number of WHATSAPP_NUMBERS) a citizen last wrote to on a contact point; null for the
 * provider's default one. Replies go out from it: the citizen knows that number, and WhatsApp's 24-hour window is
 * per number.
 */
export class InboundLine1765930000000 implements MigrationInterface {
  name = 'InboundLine1765930000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contact_point ADD COLUMN last_inbound_line text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contact_point DROP COLUMN last_inbound_line`);
  }
}
