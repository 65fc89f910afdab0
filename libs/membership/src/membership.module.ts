import { Module } from '@nestjs/common';
import { JurisdictionModule } from '@jansetu/jurisdiction';
import { CloseGroupHandler } from './commands/close-group/close-group.handler';
import { CreateGroupHandler } from './commands/create-group/create-group.handler';
import { HandleCitizenMessageHandler } from './commands/handle-citizen-message/handle-citizen-message.handler';
import { ReencryptContactsHandler } from './commands/reencrypt-contacts/reencrypt-contacts.handler';
import { RenameGroupHandler } from './commands/rename-group/rename-group.handler';
import { CitizenRepository } from './persistence/citizen.repository';
import { GroupRepository } from './persistence/group.repository';
import { LinkAttemptRepository } from './persistence/link-attempt.repository';
import { MemberDirectoryRepository } from './persistence/member-directory.repository';
import { MembershipRepository } from './persistence/membership.repository';
import { CloseContactPointOnOptOut } from './event-handlers/close-contact-point-on-opt-out.event-handler';
import { GetJoinMaterialHandler } from './queries/get-join-material/get-join-material.handler';
import { ListGroupMembersHandler } from './queries/list-group-members/list-group-members.handler';
import { CountMembersHandler } from './queries/count-members/count-members.handler';
import { ListGroupsHandler } from './queries/list-groups/list-groups.handler';
import { RenderJoinPosterHandler } from './queries/render-join-poster/render-join-poster.handler';

export const MembershipHandlers = [
  CreateGroupHandler,
  RenameGroupHandler,
  CloseGroupHandler,
  HandleCitizenMessageHandler,
  ReencryptContactsHandler,
  ListGroupsHandler,
  ListGroupMembersHandler,
  GetJoinMaterialHandler,
  RenderJoinPosterHandler,
  CountMembersHandler,
];

/** Needs CITIZEN_REPLIES bound by whoever sends replies (BroadcastModule binds its ReplyQueue to it). */
@Module({
  imports: [JurisdictionModule],
  providers: [
    CitizenRepository,
    MembershipRepository,
    GroupRepository,
    MemberDirectoryRepository,
    LinkAttemptRepository,
    ...MembershipHandlers,
    CloseContactPointOnOptOut,
  ],
})
export class MembershipModule {}
