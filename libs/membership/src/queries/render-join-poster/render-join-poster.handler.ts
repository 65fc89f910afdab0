import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { APP_CONFIG, AppConfig } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { groupForOfficer } from '../../domain/group-ref';
import { joinMaterial } from '../../domain/join-material';
import { renderJoinPoster } from '../../domain/join-poster';
import { joinChannels } from '../get-join-material/get-join-material.handler';
import { JoinPoster, RenderJoinPosterQuery } from './render-join-poster.query';

@QueryHandler(RenderJoinPosterQuery)
export class RenderJoinPosterHandler implements IQueryHandler<RenderJoinPosterQuery> {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(q: RenderJoinPosterQuery): Promise<JoinPoster> {
    const group = await groupForOfficer(this.dataSource.manager, q.officer, q.groupId);
    const pdf = await renderJoinPoster(joinMaterial(group, joinChannels(this.config)));
    return { fileName: `jansetu-${group.jurisdiction.code.toLowerCase()}-${group.joinCode}.pdf`, pdf };
  }
}
