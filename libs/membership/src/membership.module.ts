import { Module } from '@nestjs/common';
import { JurisdictionModule } from '@jansetu/jurisdiction';
import { CreateGroupHandler } from './commands/create-group/create-group.handler';
import { HandleCitizenMessageHandler } from './commands/handle-citizen-message/handle-citizen-message.handler';
import { ListGroupsHandler } from './queries/list-groups/list-groups.handler';

@Module({
  imports: [JurisdictionModule],
  providers: [CreateGroupHandler, HandleCitizenMessageHandler, ListGroupsHandler],
})
export class MembershipModule {}
