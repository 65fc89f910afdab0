import { EventsHandler } from '@nestjs/cqrs';
import { CitizenErased } from '@jansetu/membership';
import { BlindIndex, DomainEventHandler } from '@jansetu/platform';
import { EntityManager } from 'typeorm';
import { anonymousEraseTag, senderKeys } from '../domain/pseudonyms';
import { CaseRepository } from '../persistence/case.repository';

/** ERASE: the citizen's cases, named and anonymous, lose every link to them (revealing them is no longer possible). */
@EventsHandler(CitizenErased)
export class UnlinkCasesOnCitizenErased implements DomainEventHandler<CitizenErased> {
  constructor(
    private readonly blindIndex: BlindIndex,
    private readonly cases: CaseRepository,
  ) {}

  async handle(event: CitizenErased, m: EntityManager): Promise<void> {
    const keys = senderKeys(this.blindIndex, `citizen:${event.citizenId}`);
    await this.cases.unlinkSender(
      m,
      event.citizenId,
      [keys.named, keys.anonymous],
      anonymousEraseTag(this.blindIndex, event.citizenId),
    );
  }
}
