import { Body, Controller, ForbiddenException, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import {
  IsBase64,
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { ReceiveInboundMessageCommand, SimulatorAdapter } from '@jansetu/channels';

class SimulatedInboundDto {
  @ApiProperty({ description: 'the simulated citizen’s number', example: '+919876543210' })
  @Matches(/^\+?[0-9]{6,15}$/)
  from: string;
  @ApiProperty({ example: 'JOIN 482193' }) @IsString() @MinLength(1) @MaxLength(4096) text: string;
  @ApiPropertyOptional({ description: 'provider message id; repeat it to simulate a provider retry' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.:-]{1,128}$/)
  messageId?: string;
  @ApiPropertyOptional({ description: 'an attachment (photo, voice note), base64; within the 100 kB body limit' })
  @IsOptional()
  @IsBase64()
  @MaxLength(100_000)
  mediaBase64?: string;
  @ApiPropertyOptional({ description: 'its type as the phone declares it', example: 'image/jpeg' })
  @IsOptional()
  @Matches(/^[a-z]+\/[a-z0-9.+-]{1,64}$/)
  mediaType?: string;
  @ApiPropertyOptional({ description: 'a shared location: latitude', example: 25.86 })
  @IsOptional()
  @IsLatitude()
  latitude?: number;
  @ApiPropertyOptional({ description: 'a shared location: longitude', example: 85.78 })
  @IsOptional()
  @IsLongitude()
  longitude?: number;
}

/**
 * The simulator channel, for evaluation and tests: plays a citizen's phone. It exists only when CHANNEL_SIMULATOR
 * is on (the embedded default) and answers loopback callers only, since it has no provider signature to verify.
 */
@ApiTags('simulator')
@Controller()
export class SimulatorController {
  constructor(
    private readonly commands: CommandBus,
    private readonly simulator: SimulatorAdapter,
  ) {}

  @Post('webhooks/simulator')
  @HttpCode(200)
  @ApiOkResponse({ description: '{accepted:false} for a repeated messageId (deduplicated)' })
  async inbound(@Req() req: Request, @Body() dto: SimulatedInboundDto): Promise<{ accepted: boolean }> {
    assertLoopback(req);
    const mediaIds = dto.mediaBase64
      ? [
          await this.simulator.addMedia(
            Buffer.from(dto.mediaBase64, 'base64'),
            dto.mediaType ?? 'application/octet-stream',
          ),
        ]
      : [];
    const location =
      dto.latitude !== undefined && dto.longitude !== undefined
        ? { latitude: Number(dto.latitude), longitude: Number(dto.longitude) }
        : undefined;
    return this.commands.execute(
      new ReceiveInboundMessageCommand('simulator', dto.from, dto.text, dto.messageId ?? randomUUID(), undefined, {
        provider: 'simulator',
        mediaIds,
        ...(location ? { location } : {}),
      }),
    );
  }

  @Get('simulator/messages')
  @ApiOkResponse({ description: 'what the simulator delivered to one number, oldest first' })
  async sent(@Req() req: Request, @Query('address') address: string) {
    assertLoopback(req);
    return this.simulator.sentTo(address ?? '');
  }
}

function assertLoopback(req: Request): void {
  const ip = req.socket.remoteAddress ?? '';
  // A request relayed by a proxy on the same host is not a local developer: refuse it too.
  const proxied = req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined;
  if (proxied || !['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(ip)) {
    throw new ForbiddenException('simulator answers local, unproxied callers only');
  }
}
