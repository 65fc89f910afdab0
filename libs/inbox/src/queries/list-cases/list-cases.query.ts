import { Query } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';
import { CaseStatus, CaseView } from '../../domain/case-view';
import { MessageClass } from '../../domain/classifier';

export interface ListCasesFilter {
  /** 'main' (default): tips, complaints, emergencies, rumour reports; 'filtered': greetings, slogans, adverts, abuse. */
  queue?: 'main' | 'filtered';
  status?: CaseStatus;
  label?: MessageClass;
  inboxCode?: string;
  limit?: number;
  offset?: number;
}

/** Cases of the officer's jurisdiction: open emergencies first, then newest first. */
export class ListCasesQuery extends Query<CaseView[]> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly filter: ListCasesFilter = {},
  ) {
    super();
  }
}
