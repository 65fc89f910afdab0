import { Query } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';
import { JoinMaterial } from '../../domain/join-material';

/** The join code, SMS instruction, Telegram and WhatsApp links of a group in the officer's jurisdiction. */
export class GetJoinMaterialQuery extends Query<JoinMaterial> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly groupId: string,
  ) {
    super();
  }
}
