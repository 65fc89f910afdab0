import { ApiProperty } from '@nestjs/swagger';
import { OfficerView, Role, Roles } from '@jansetu/identity';

export class OfficerDto implements OfficerView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: Roles }) role: Role;
  @ApiProperty({ type: String, nullable: true, description: 'null: state-wide' }) jurisdictionCode: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) disabledAt: string | null;
  @ApiProperty({ type: String, nullable: true }) disabledReason: string | null;
  @ApiProperty({ description: 'an admin reset the password; the officer must change it at next login' })
  mustChangePassword: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) passwordChangedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class OfficerPageDto {
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
  @ApiProperty({ type: [OfficerDto] }) items: OfficerDto[];
}
