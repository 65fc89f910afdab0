import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { AuditSearchFilter } from '@jansetu/audit';
import { IsDateInRange } from '../validation';

export const PSEUDONYM = /^[A-Z]-[0-9A-Z]{4,32}$/;
const CHANNELS = ['sms', 'whatsapp', 'telegram', 'simulator'];

/** The filters every listing of events shares (search and export). */
export class AuditFilterDto {
  @ApiPropertyOptional({ description: 'from (inclusive), ISO 8601', example: '2026-11-01T00:00:00Z' })
  @IsOptional()
  @IsDateInRange()
  from?: Date;
  @ApiPropertyOptional({ description: 'to (exclusive), ISO 8601' }) @IsOptional() @IsDateInRange() to?: Date;
  @ApiPropertyOptional({
    type: String,
    description: 'event type, or several separated by commas',
    example: 'broadcast.created,broadcast.approved',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean)
      : value,
  )
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^[a-z_]+(\.[a-z_]+)+$/, { each: true })
  type?: string[];
  @ApiPropertyOptional({ description: 'the acting officer' }) @IsOptional() @IsUUID() officerId?: string;
  @ApiPropertyOptional({ description: 'a jurisdiction subtree inside your own', example: 'SAM-MUFASSIL' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  jurisdictionCode?: string;
  @ApiPropertyOptional({ description: 'a citizen group (audience)' }) @IsOptional() @IsUUID() groupId?: string;
  @ApiPropertyOptional({ enum: CHANNELS }) @IsOptional() @IsIn(CHANNELS) channel?: string;
  @ApiPropertyOptional({ example: 'rumour_rebuttal' }) @IsOptional() @Matches(/^[a-z_]{1,64}$/) category?: string;
  @ApiPropertyOptional({ description: 'words the police sent (case-insensitive)', example: 'अफवाह' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  text?: string;
  @ApiPropertyOptional({ example: 'N-7F3K2Q9A' }) @IsOptional() @Matches(PSEUDONYM) pseudonym?: string;
  @ApiPropertyOptional({ description: 'only events about this broadcast' })
  @IsOptional()
  @IsUUID()
  broadcastId?: string;
  @ApiPropertyOptional({ example: 'officer:6f1c…' })
  @IsOptional()
  @Matches(/^[a-z_]+:[A-Za-z0-9._:-]{1,128}$/)
  chainId?: string;

  toFilter(): AuditSearchFilter {
    return {
      from: this.from,
      to: this.to,
      types: this.type,
      officerId: this.officerId,
      jurisdictionCode: this.jurisdictionCode,
      groupId: this.groupId,
      channel: this.channel,
      category: this.category,
      text: this.text,
      pseudonym: this.pseudonym,
      broadcastId: this.broadcastId,
      chainId: this.chainId,
    };
  }
}

export class SearchAuditDto extends AuditFilterDto {
  @ApiPropertyOptional({ description: 'the X-Next-Cursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class ExportAuditDto extends AuditFilterDto {
  @ApiPropertyOptional({ enum: ['ndjson', 'csv'], default: 'ndjson' })
  @IsOptional()
  @IsIn(['ndjson', 'csv'])
  format?: 'ndjson' | 'csv';
}

export class PseudonymParam {
  @ApiProperty({ example: 'N-7F3K2Q9A' }) @Matches(PSEUDONYM) pseudonym: string;
}

export class HistoryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class VerifyDto {
  @ApiPropertyOptional({ description: 'one chain, e.g. broadcast:<id>; all chains in your scope when absent' })
  @IsOptional()
  @Matches(/^[a-z_]+:[A-Za-z0-9._:-]{1,128}$/)
  chainId?: string;
  @ApiPropertyOptional({ description: 'continue an incomplete run after this chain (its resumeAfterChainId)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  afterChainId?: string;
  @ApiPropertyOptional({ default: 200000, maximum: 2000000, description: 'events to check before answering' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_000_000)
  maxEvents?: number;
}

export class VerifyWithCheckpointDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'a signed checkpoint held outside JanSetu (a line of DATA_DIR/audit-checkpoints/*.jsonl, or the topic): ' +
      '{version, sequence, createdAt, chains, events, root, prevHash, keyId, signature} with or without its heads ' +
      '[[chainId, seq, hash], ...]; without them the store must still hold the heads it signed',
  })
  @IsObject()
  checkpoint!: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'the Ed25519 public key (PEM or base64 SPKI); default: this deployment’s' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  publicKey?: string;
}

export class UpdateAuditSettingsDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 30,
    description: 'days the store keeps an event before a purge may remove it; null keeps every event for ever',
  })
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(30)
  @Max(36500)
  retentionDays: number | null;
}

export class PlaceLegalHoldDto {
  @ApiPropertyOptional({ description: 'hold a jurisdiction subtree' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  jurisdictionCode?: string;
  @ApiPropertyOptional({ description: 'hold one broadcast' }) @IsOptional() @IsUUID() broadcastId?: string;
  @ApiPropertyOptional({ description: 'hold one chain (an officer, a citizen chain)' })
  @IsOptional()
  @Matches(/^[a-z_]+:[A-Za-z0-9._:-]{1,128}$/)
  chainId?: string;
  @ApiPropertyOptional({ description: 'hold everything about one citizen' })
  @IsOptional()
  @Matches(PSEUDONYM)
  pseudonym?: string;
  @ApiProperty({ description: 'why (court order, inquiry reference); none of the above holds everything' })
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  reason: string;
}

export class ReleaseLegalHoldDto {
  @ApiProperty() @IsString() @MinLength(3) @MaxLength(1000) reason: string;
}
