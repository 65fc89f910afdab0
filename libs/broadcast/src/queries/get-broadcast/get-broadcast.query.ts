import { Query } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';

export interface BroadcastView {
  id: string;
  category: string;
  status: string;
  recipients: number;
  createdAt: string;
  byStatus: Record<string, number>;
  byChannel: Record<string, number>;
}

export class GetBroadcastQuery extends Query<BroadcastView> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly id: string,
  ) {
    super();
  }
}
