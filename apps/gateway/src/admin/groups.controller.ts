import { Body, Controller, Get, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { AllowRoles, CurrentOfficer, OfficerPrincipal, OperationalRoles } from '@jansetu/identity';
import { CreateGroupCommand, GroupCreated, GroupView, ListGroupsQuery } from '@jansetu/membership';

class CreateGroupDto {
  @ApiProperty({ description: 'code of the jurisdiction node the group hangs on', example: 'SAM-MUFASSIL' })
  @IsString()
  jurisdictionCode: string;
  @ApiProperty({ example: 'मुफस्सिल थाना जनसेतु' }) @IsString() @MinLength(2) @MaxLength(80) name: string;
  @ApiPropertyOptional({ enum: ['hi', 'en'], default: 'hi' }) @IsOptional() @IsIn(['hi', 'en']) language?: 'hi' | 'en';
}

class GroupCreatedDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'what citizens send: JOIN <code> / जुड़ें <code>', example: '482193' }) joinCode: string;
}

@ApiTags('groups')
@Controller('api/v1/groups')
export class GroupsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @AllowRoles(...OperationalRoles)
  @ApiCreatedResponse({ type: GroupCreatedDto })
  create(@CurrentOfficer() officer: OfficerPrincipal, @Body() dto: CreateGroupDto): Promise<GroupCreated> {
    return this.commands.execute(new CreateGroupCommand(officer, dto.jurisdictionCode, dto.name, dto.language ?? 'hi'));
  }

  @Get()
  @AllowRoles(...OperationalRoles)
  list(@CurrentOfficer() officer: OfficerPrincipal): Promise<GroupView[]> {
    return this.queries.execute(new ListGroupsQuery(officer.jurisdictionPath));
  }
}
