import { Module } from '@nestjs/common';
import { PurgeTransportHandler } from './purge-transport.handler';
import { TransportRetentionRepository } from './transport-retention.repository';

/** The transport tables' purge; the dispatcher's retention job runs it. */
@Module({ providers: [PurgeTransportHandler, TransportRetentionRepository] })
export class TransportRetentionModule {}
