import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { APP_CONFIG, AppConfig } from '@jansetu/platform';
import { assertGroupId, groupInReach } from '../../domain/group-ref';
import { joinMaterial } from '../../domain/join-material';
import { renderJoinPoster } from '../../domain/join-poster';
import { GroupRepository } from '../../persistence/group.repository';
import { joinChannels } from '../get-join-material/get-join-material.handler';
import { JoinPoster, RenderJoinPosterQuery } from './render-join-poster.query';

@QueryHandler(RenderJoinPosterQuery)
export class RenderJoinPosterHandler implements IQueryHandler<RenderJoinPosterQuery> {
  constructor(
    private readonly groups: GroupRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(q: RenderJoinPosterQuery): Promise<JoinPoster> {
    assertGroupId(q.groupId);
    const group = groupInReach(q.officer, q.groupId, await this.groups.find(q.groupId));
    const pdf = await renderJoinPoster(joinMaterial(group, joinChannels(this.config)));
    return { fileName: `jansetu-${group.jurisdiction.code.toLowerCase()}-${group.joinCode}.pdf`, pdf };
  }
}
