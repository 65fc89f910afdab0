import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import {
  AddAlertContactCommand,
  AlertContactRow,
  ListAlertContactsQuery,
  ListOpenAlertsQuery,
  OpenAlertRow,
  RemoveAlertContactCommand,
} from '@jansetu/alerts';
import { AllowRoles, CurrentOfficer, OfficerPrincipal } from '@jansetu/identity';

/** HQ, district and subdivision officers for nodes in their area; a station officer for their own station. */
const MANAGERS = ['hq_admin', 'district_admin', 'subdivision_officer', 'station_officer'] as const;

class AddAlertContactDto {
  @ApiProperty({ enum: ['sms', 'whatsapp', 'telegram', 'simulator'] })
  @IsIn(['sms', 'whatsapp', 'telegram', 'simulator'])
  channel: 'sms' | 'whatsapp' | 'telegram' | 'simulator';
  @ApiProperty({ description: "the officer's own number or Telegram chat id; stored sealed, shown masked" })
  @IsString()
  @Matches(/^\+?[0-9]{5,16}$/)
  address: string;
  @ApiProperty({ example: 'SHO Mufassil' }) @IsString() @MinLength(1) @MaxLength(80) label: string;
  @ApiPropertyOptional({ description: 'whose alerts (default: your own jurisdiction)', example: 'SAM-MUFASSIL' })
  @IsOptional()
  @Matches(/^[A-Z0-9][A-Z0-9-]{0,39}$/)
  jurisdictionCode?: string;
}

class AlertContactView implements AlertContactRow {
  @ApiProperty() id: string;
  @ApiProperty() jurisdictionPath: string;
  @ApiProperty() channel: string;
  @ApiProperty({ example: '••••••••10' }) addressMask: string;
  @ApiProperty() label: string;
  @ApiProperty() createdAt: string;
}

class OpenAlertView implements OpenAlertRow {
  @ApiProperty() caseId: string;
  @ApiProperty() caseNumber: number;
  @ApiProperty({ description: 'the sender as officers know them' }) pseudonym: string;
  @ApiProperty() jurisdictionPath: string;
  @ApiProperty({ description: '0 the station was alerted, 1 escalated to its subdivision, 2 to its district' })
  level: number;
  @ApiProperty() alertedAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'when it escalates next; null at the top' })
  escalateAt: string | null;
}

class RemovedView {
  @ApiProperty() removed: true;
}

@ApiTags('alerts')
@Controller('api/v1/alert-contacts')
export class AlertContactsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @AllowRoles(...MANAGERS)
  @ApiOkResponse({ type: AlertContactView, description: 'urgent cases of the node are alerted to this address' })
  add(@CurrentOfficer() officer: OfficerPrincipal, @Body() dto: AddAlertContactDto): Promise<AlertContactRow> {
    return this.commands.execute(
      new AddAlertContactCommand(officer, {
        channel: dto.channel,
        address: dto.address,
        label: dto.label,
        jurisdictionCode: dto.jurisdictionCode ?? null,
      }),
    );
  }

  @Get()
  @AllowRoles(...MANAGERS)
  @ApiOkResponse({ type: [AlertContactView] })
  list(@CurrentOfficer() officer: OfficerPrincipal): Promise<AlertContactRow[]> {
    return this.queries.execute(new ListAlertContactsQuery(officer));
  }

  @Delete(':id')
  @HttpCode(200)
  @AllowRoles(...MANAGERS)
  @ApiOkResponse({ type: RemovedView })
  remove(@CurrentOfficer() officer: OfficerPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.commands.execute(new RemoveAlertContactCommand(officer, id));
  }
}

@ApiTags('alerts')
@Controller('api/v1/alerts')
export class OpenAlertsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('open')
  @AllowRoles(...MANAGERS)
  @ApiOkResponse({ type: [OpenAlertView], description: 'urgent cases alerted in your area and not yet acknowledged' })
  open(@CurrentOfficer() officer: OfficerPrincipal): Promise<OpenAlertRow[]> {
    return this.queries.execute(new ListOpenAlertsQuery(officer));
  }
}
