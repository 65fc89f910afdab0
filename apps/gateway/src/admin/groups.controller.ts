import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { AllowRoles, CurrentOfficer, OfficerPrincipal, OperationalRoles } from '@jansetu/identity';
import {
  CloseGroupCommand,
  CreateGroupCommand,
  GetJoinMaterialQuery,
  GroupClosed,
  GroupCreated,
  GroupRenamed,
  GroupView,
  ListGroupMembersQuery,
  ListGroupsQuery,
  MemberView,
  RenameGroupCommand,
  RenderJoinPosterQuery,
} from '@jansetu/membership';
import { MAX_OFFSET, PageOffset } from '../validation';

class CreateGroupDto {
  @ApiProperty({ description: 'code of the jurisdiction node the group hangs on', example: 'SAM-MUFASSIL' })
  @IsString()
  @MaxLength(64)
  jurisdictionCode: string;
  @ApiProperty({ example: 'मुफस्सिल थाना जनसेतु' }) @IsString() @MinLength(2) @MaxLength(80) name: string;
  @ApiPropertyOptional({ enum: ['hi', 'en'], default: 'hi' }) @IsOptional() @IsIn(['hi', 'en']) language?: 'hi' | 'en';
}

class RenameGroupDto {
  @ApiProperty({ example: 'मुफस्सिल जनसेतु' }) @IsString() @MinLength(2) @MaxLength(80) name: string;
}

class PageDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_OFFSET }) @IsOptional() @PageOffset() offset?: number;
}

class ListGroupsDto extends PageDto {
  @ApiPropertyOptional({ description: 'only groups on this node and below it', example: 'SAM' })
  @IsOptional()
  @Matches(/^[A-Z0-9][A-Z0-9-]{0,39}$/)
  jurisdiction?: string;
  @ApiPropertyOptional({ enum: ['open', 'closed'] }) @IsOptional() @IsIn(['open', 'closed']) status?: 'open' | 'closed';
}

class GroupCreatedDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'what citizens send: JOIN <code> / जुड़ें <code>', example: '482193' }) joinCode: string;
}

class GroupViewDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['hi', 'en'] }) language: string;
  @ApiProperty({ example: '482193' }) joinCode: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
  @ApiProperty({ example: 'SAM-MUFASSIL' }) jurisdictionCode: string;
  @ApiProperty() jurisdictionNameEn: string;
  @ApiProperty() jurisdictionNameHi: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) closedAt: string | null;
  @ApiProperty({ description: 'active members' }) members: number;
  @ApiProperty({ example: { sms: 120, whatsapp: 80, telegram: 12 }, description: 'by the channel deliveries go to' })
  membersByChannel: Record<string, number>;
  @ApiProperty({ example: { hi: 190, en: 22 } }) membersByLanguage: Record<string, number>;
}

class MemberViewDto {
  @ApiProperty({ example: 'N-7F3K2Q9A' }) pseudonym: string;
  @ApiProperty({ example: '••••••••10', nullable: true, type: String }) maskedAddress: string | null;
  @ApiProperty({ example: 'sms', nullable: true, type: String }) channel: string | null;
  @ApiProperty({ example: ['sms', 'telegram'] }) channels: string[];
  @ApiProperty({ enum: ['hi', 'en'] }) language: string;
  @ApiProperty() joinedAt: string;
}

class JoinQrCodeDto {
  @ApiProperty({ enum: ['whatsapp', 'telegram'] }) channel: 'whatsapp' | 'telegram';
  @ApiProperty({ example: 'https://wa.me/919000000000?text=JOIN%20482193' }) link: string;
  @ApiProperty({ description: 'the QR code of the link, as SVG text' }) svg: string;
}

class JoinSmsDto {
  @ApiProperty({ example: 'JOIN 482193' }) text: string;
  @ApiProperty({ example: 'जुड़ें 482193' }) textHi: string;
  @ApiProperty({ type: String, nullable: true }) number: string | null;
  @ApiProperty({ example: { hi: 'SMS में JOIN 482193 लिखकर … पर भेजें।', en: 'Send JOIN 482193 by SMS to …' } })
  instructions: { hi: string; en: string };
}

class JoinMaterialDto {
  @ApiProperty() groupId: string;
  @ApiProperty() groupName: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
  @ApiProperty() joinCode: string;
  @ApiProperty({ example: { code: 'SAM-MUFASSIL', level: 'station', nameEn: 'Mufassil', nameHi: 'मुफस्सिल' } })
  jurisdiction: { code: string; level: string; nameEn: string; nameHi: string };
  @ApiProperty({ type: JoinSmsDto }) sms: JoinSmsDto;
  @ApiProperty({ type: String, nullable: true }) telegramLink: string | null;
  @ApiProperty({ type: String, nullable: true }) whatsappLink: string | null;
  @ApiProperty() posterPath: string;
  @ApiProperty({ type: [JoinQrCodeDto], description: 'one per configured WhatsApp / Telegram link' })
  qrCodes: JoinQrCodeDto[];
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
  @ApiOkResponse({ type: [GroupViewDto], description: "the officer's jurisdiction only; counts, never addresses" })
  list(@CurrentOfficer() officer: OfficerPrincipal, @Query() q: ListGroupsDto): Promise<GroupView[]> {
    return this.queries.execute(
      new ListGroupsQuery(officer.jurisdictionPath, {
        jurisdictionCode: q.jurisdiction,
        status: q.status,
        limit: q.limit,
        offset: q.offset,
      }),
    );
  }

  @Patch(':id')
  @AllowRoles(...OperationalRoles)
  @ApiOkResponse({ description: 'renamed; the join code and the members stay' })
  rename(
    @CurrentOfficer() officer: OfficerPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RenameGroupDto,
  ): Promise<GroupRenamed> {
    return this.commands.execute(new RenameGroupCommand(officer, id, dto.name));
  }

  @Post(':id/close')
  @HttpCode(200)
  @AllowRoles(...OperationalRoles)
  @ApiOkResponse({ description: 'closed: no new members, no new broadcasts; members can still leave; repeatable' })
  close(@CurrentOfficer() officer: OfficerPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<GroupClosed> {
    return this.commands.execute(new CloseGroupCommand(officer, id));
  }

  @Get(':id/members')
  @AllowRoles(...OperationalRoles)
  @ApiOkResponse({ type: [MemberViewDto], description: 'pseudonyms and masked numbers, never an address' })
  members(
    @CurrentOfficer() officer: OfficerPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() page: PageDto,
  ): Promise<MemberView[]> {
    return this.queries.execute(new ListGroupMembersQuery(officer, id, page.limit ?? 100, page.offset ?? 0));
  }

  @Get(':id/join-material')
  @AllowRoles(...OperationalRoles)
  @ApiOkResponse({
    type: JoinMaterialDto,
    description: 'join code, SMS instruction, Telegram deep link, WhatsApp click-to-chat link, their QR codes',
  })
  joinMaterial(
    @CurrentOfficer() officer: OfficerPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<JoinMaterialDto> {
    return this.queries.execute(new GetJoinMaterialQuery(officer, id));
  }

  @Get(':id/poster.pdf')
  @AllowRoles(...OperationalRoles)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'printable A4 poster in Hindi and English with QR codes and the SMS instruction' })
  async poster(
    @CurrentOfficer() officer: OfficerPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<StreamableFile> {
    const { fileName, pdf } = await this.queries.execute(new RenderJoinPosterQuery(officer, id));
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `inline; filename="${fileName}"` });
  }
}
