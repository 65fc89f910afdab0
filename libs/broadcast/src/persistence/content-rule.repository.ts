import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ContentRule } from '../domain/content-rules';

/** A rule as HQ sees it in the list: in force, or retired (kept, so the history of the rules stays). */
export interface ContentRuleRow extends ContentRule {
  id: string;
  createdBy: string | null;
  createdAt: string;
  retiredAt: string | null;
  retiredBy: string | null;
}

/** The `content_rule` table: the terms and link domains police messages are checked against. */
@Injectable()
export class ContentRuleRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The rules in force. */
  async all(): Promise<ContentRule[]> {
    return this.dataSource.query<ContentRule[]>(
      `SELECT kind, pattern, reason FROM content_rule WHERE retired_at IS NULL ORDER BY created_at, pattern`,
    );
  }

  async list(includeRetired: boolean): Promise<ContentRuleRow[]> {
    return this.dataSource.query<ContentRuleRow[]>(
      `SELECT id, kind, pattern, reason, created_by AS "createdBy", created_at AS "createdAt",
              retired_at AS "retiredAt", retired_by AS "retiredBy"
         FROM content_rule WHERE $1 OR retired_at IS NULL ORDER BY kind, pattern, created_at`,
      [includeRetired],
    );
  }

  /** Inserts a rule unless the same one is in force already (then undefined). */
  async insert(m: EntityManager, rule: ContentRule, createdBy: string): Promise<string | undefined> {
    const rows = await m.query<{ id: string }[]>(
      `INSERT INTO content_rule (kind, pattern, reason, created_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (kind, lower(pattern)) WHERE retired_at IS NULL DO NOTHING RETURNING id`,
      [rule.kind, rule.pattern, rule.reason, createdBy],
    );
    return rows[0]?.id;
  }

  /** Retires a rule in force; the retired rule, or undefined when there is none in force with that id. */
  async retire(m: EntityManager, id: string, retiredBy: string): Promise<ContentRule | undefined> {
    const rows = await m.query<ContentRule[]>(
      `UPDATE content_rule SET retired_at = now(), retired_by = $2 WHERE id = $1 AND retired_at IS NULL
       RETURNING kind, pattern, reason`,
      [id, retiredBy],
    );
    return rows[0];
  }
}
