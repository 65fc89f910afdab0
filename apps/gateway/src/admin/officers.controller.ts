import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { AllowRoles, CreateOfficerCommand, CurrentOfficer, OfficerPrincipal, Role, Roles } from '@jansetu/identity';

class CreateOfficerDto {
  @ApiProperty({ example: 'sho.kotwali.patna' }) @Matches(/^[a-z0-9._-]{3,64}$/) username: string;
  @ApiProperty({ minLength: 12 }) @IsString() @MinLength(12) @MaxLength(256) password: string;
  @ApiProperty({ enum: Roles }) @IsIn(Roles) role: Role;
  @ApiPropertyOptional({
    description: 'jurisdiction code; omit only for state-wide HQ admins and auditors',
    example: 'PAT-KOTWALI',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  jurisdictionCode?: string;
  @ApiProperty({ example: 'SHO Kotwali' }) @IsString() @MinLength(1) @MaxLength(120) displayName: string;
}

@ApiTags('officers')
@Controller('api/v1/officers')
export class OfficersController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @AllowRoles('hq_admin')
  @ApiCreatedResponse({ description: 'the new officer id' })
  create(@CurrentOfficer() actor: OfficerPrincipal, @Body() dto: CreateOfficerDto): Promise<{ id: string }> {
    return this.commands.execute(
      new CreateOfficerCommand(
        dto.username,
        dto.password,
        dto.role,
        dto.jurisdictionCode ?? null,
        dto.displayName,
        actor,
      ),
    );
  }
}
