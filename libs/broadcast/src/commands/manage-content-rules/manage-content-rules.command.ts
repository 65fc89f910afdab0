import { Command } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';
import { ContentRule } from '../../domain/content-rules';

/** HQ adds a content rule (a blocked term, a blocked or an allowed link domain); audited. */
export class AddContentRuleCommand extends Command<{ id: string }> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly rule: ContentRule,
  ) {
    super();
  }
}

/** HQ retires a content rule (kept in the table and the audit, no longer applied); audited. */
export class RetireContentRuleCommand extends Command<{ id: string; retired: true }> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly ruleId: string,
  ) {
    super();
  }
}
