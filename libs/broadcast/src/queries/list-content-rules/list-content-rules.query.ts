import { Query } from '@nestjs/cqrs';
import type { ContentRuleRow } from '../../persistence/content-rule.repository';

/** The content rules, those in force and (on request) the retired ones. */
export class ListContentRulesQuery extends Query<ContentRuleRow[]> {
  constructor(readonly includeRetired = false) {
    super();
  }
}

/**
 * Whether a text the police publish breaks a content rule; null when it passes. For other contexts that publish
 * text (inbox's officer replies): `queryBus.execute(new CheckPublicTextQuery(text))`.
 */
export class CheckPublicTextQuery extends Query<{ violation: string | null }> {
  constructor(readonly text: string) {
    super();
  }
}
