import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import {
  AreaDelivery,
  BroadcastSummary,
  PendingDecision,
  SummariseBroadcastsQuery,
  TodaysBroadcast,
} from '@jansetu/broadcast';
import { AllowRoles, CurrentOfficer, OfficerPrincipal, OperationalRoles } from '@jansetu/identity';
import { AreaCases, CountCasesQuery, InboxCounts, SummariseCasesQuery } from '@jansetu/inbox';
import { AreaMembers, CountMembersQuery, GroupMembers, MemberCounts } from '@jansetu/membership';
import { InboxCountsDto } from '../inbox/inbox.controller';
import { dashboardWindows } from './windows';

class TodaysBroadcastDto implements TodaysBroadcast {
  @ApiProperty() id: string;
  @ApiProperty() category: string;
  @ApiProperty() status: string;
  @ApiProperty({ description: 'the Hindi text, first 120 characters' }) text: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() recipients: number;
  @ApiProperty({ description: 'delivered or read' }) delivered: number;
  @ApiProperty({ description: 'handed to the provider, no receipt yet' }) sent: number;
  @ApiProperty() failed: number;
  @ApiProperty({ description: 'not sent yet' }) waiting: number;
}

class AreaDeliveryDto implements AreaDelivery {
  @ApiProperty() code: string;
  @ApiProperty() nameEn: string;
  @ApiProperty() nameHi: string;
  @ApiProperty({ enum: ['station', 'district'] }) level: string;
  @ApiProperty() broadcasts: number;
  @ApiProperty() deliveries: number;
  @ApiProperty() delivered: number;
  @ApiProperty() failed: number;
  @ApiProperty({ type: Number, nullable: true, description: 'delivered / deliveries, 0–1' })
  deliveryRate: number | null;
}

class PendingDecisionDto implements PendingDecision {
  @ApiProperty() id: string;
  @ApiProperty() category: string;
  @ApiProperty({ enum: ['pending_approval', 'review'] }) queue: 'pending_approval' | 'review';
  @ApiProperty() recipients: number;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'review due, or the schedule to approve before' })
  deadline: string | null;
}

class DecisionsDto {
  @ApiProperty() count: number;
  @ApiProperty({ type: [PendingDecisionDto], description: 'the first few by deadline' }) first: PendingDecisionDto[];
}

class BroadcastSummaryDto implements BroadcastSummary {
  @ApiProperty({ type: [TodaysBroadcastDto] }) today: TodaysBroadcastDto[];
  @ApiProperty({ type: [AreaDeliveryDto], description: 'the last 7 days, worst delivery rate first' })
  byArea: AreaDeliveryDto[];
  @ApiProperty({ type: DecisionsDto, description: 'approvals and emergency reviews waiting for you' })
  decisions: DecisionsDto;
}

class GroupMembersDto implements GroupMembers {
  @ApiProperty() groupId: string;
  @ApiProperty() name: string;
  @ApiProperty() jurisdictionCode: string;
  @ApiProperty() jurisdictionNameEn: string;
  @ApiProperty() jurisdictionNameHi: string;
  @ApiProperty() members: number;
  @ApiProperty({ description: 'joined in the last 7 days and still in' }) joined: number;
  @ApiProperty({ description: 'left in the last 7 days' }) left: number;
}

class AreaMembersDto implements AreaMembers {
  @ApiProperty() code: string;
  @ApiProperty() nameEn: string;
  @ApiProperty() nameHi: string;
  @ApiProperty({ enum: ['station', 'district'] }) level: string;
  @ApiProperty() groups: number;
  @ApiProperty() members: number;
  @ApiProperty() joined: number;
  @ApiProperty() left: number;
}

class MemberCountsDto implements MemberCounts {
  @ApiProperty({ type: [GroupMembersDto], description: 'open groups, most members first (at most 50)' })
  groups: GroupMembersDto[];
  @ApiProperty({ type: [AreaMembersDto] }) byArea: AreaMembersDto[];
}

class AreaCasesDto implements AreaCases {
  @ApiProperty() code: string;
  @ApiProperty() nameEn: string;
  @ApiProperty() nameHi: string;
  @ApiProperty({ enum: ['station', 'district'] }) level: string;
  @ApiProperty({ description: 'main queue, not yet acknowledged' }) new: number;
  @ApiProperty({ description: 'emergencies not closed' }) urgentOpen: number;
  @ApiProperty({ description: 'main queue, not closed' }) open: number;
  @ApiProperty({ type: Number, nullable: true, description: 'median seconds to first acknowledgement, 30 days' })
  medianAckSeconds: number | null;
  @ApiProperty() acknowledgedLast30Days: number;
}

class CasesDto {
  @ApiProperty({ type: [InboxCountsDto], description: 'per inbox: queues by status, open emergencies, labels' })
  inboxes: InboxCounts[];
  @ApiProperty({ type: [AreaCasesDto], description: 'per station (per district state-wide), slowest first' })
  byArea: AreaCasesDto[];
}

class DashboardDto {
  @ApiProperty({ description: 'midnight in India (IST) today, as UTC' }) todayFrom: string;
  @ApiProperty({ description: 'seven days ago' }) weekFrom: string;
  @ApiProperty({ type: CasesDto }) cases: CasesDto;
  @ApiProperty({ type: BroadcastSummaryDto }) broadcasts: BroadcastSummaryDto;
  @ApiProperty({ type: MemberCountsDto }) members: MemberCountsDto;
}

/**
 * An officer's home screen in one call, composed of one query per context (each answers for its own tables), all
 * scoped to the caller's jurisdiction: a station sees its own, a district its stations, HQ the state by district.
 */
@ApiTags('dashboard')
@Controller('api/v1/dashboard')
export class DashboardController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @AllowRoles(...OperationalRoles)
  @ApiOkResponse({ type: DashboardDto })
  async get(@CurrentOfficer() officer: OfficerPrincipal): Promise<DashboardDto> {
    const { todayFrom, weekFrom } = dashboardWindows(new Date());
    const [inboxes, byArea, broadcasts, members] = await Promise.all([
      this.queries.execute(new CountCasesQuery(officer)),
      this.queries.execute(new SummariseCasesQuery(officer)),
      this.queries.execute(new SummariseBroadcastsQuery(officer, todayFrom, weekFrom)),
      this.queries.execute(new CountMembersQuery(officer.jurisdictionPath, weekFrom)),
    ]);
    return {
      todayFrom: todayFrom.toISOString(),
      weekFrom: weekFrom.toISOString(),
      cases: { inboxes, byArea },
      broadcasts,
      members,
    };
  }
}
