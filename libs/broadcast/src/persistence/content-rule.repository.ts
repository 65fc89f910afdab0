import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ContentRule } from '../domain/content-rules';

/** The `content_rule` table: the terms and link domains police messages are checked against. */
@Injectable()
export class ContentRuleRepository {
  constructor(private readonly dataSource: DataSource) {}

  async all(): Promise<ContentRule[]> {
    return this.dataSource.query<ContentRule[]>(`SELECT kind, pattern, reason FROM content_rule`);
  }
}
