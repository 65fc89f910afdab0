import { Query } from '@nestjs/cqrs';
import { NewUrgentCase } from '../get-case/get-case.query';

/**
 * Emergencies filed after `since`, in every inbox: for the live stream, which hands each only to the officers whose
 * jurisdiction covers it (`jurisdictionPath`). One query a second per gateway, however many officers watch.
 */
export class ListNewUrgentCasesQuery extends Query<NewUrgentCase[]> {
  constructor(readonly since: Date) {
    super();
  }
}
