import { Injectable } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PublicTextCheck } from '@jansetu/membership';
import { checkText } from '../../domain/content-rules';
import { ContentRuleRepository, ContentRuleRow } from '../../persistence/content-rule.repository';
import { CheckPublicTextQuery, ListContentRulesQuery } from './list-content-rules.query';

@QueryHandler(ListContentRulesQuery)
export class ListContentRulesHandler implements IQueryHandler<ListContentRulesQuery> {
  constructor(private readonly rules: ContentRuleRepository) {}

  execute(q: ListContentRulesQuery): Promise<ContentRuleRow[]> {
    return this.rules.list(q.includeRetired);
  }
}

/** The content rules applied to any published text; bound to membership's PUBLIC_TEXT_CHECK port (group names). */
@Injectable()
export class PublicTextChecker implements PublicTextCheck {
  constructor(private readonly rules: ContentRuleRepository) {}

  async violation(text: string): Promise<string | null> {
    return checkText(text, await this.rules.all());
  }
}

@QueryHandler(CheckPublicTextQuery)
export class CheckPublicTextHandler implements IQueryHandler<CheckPublicTextQuery> {
  constructor(private readonly checker: PublicTextChecker) {}

  async execute(q: CheckPublicTextQuery): Promise<{ violation: string | null }> {
    return { violation: await this.checker.violation(q.text) };
  }
}
