import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { AuditEvent, ProjectAuditEventCommand } from '@jansetu/audit';
import { BusMessage, MESSAGE_BUS, MessageBus, Metrics, Topics } from '@jansetu/platform';

/** jansetu.audit.v1 → the auditors' append-only store. Replaying the topic rebuilds it exactly. */
@Injectable()
export class AuditProjectionConsumer implements OnModuleInit {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly commands: CommandBus,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    this.bus.subscribe('audit-projection', Topics.audit, (m) => this.handle(m));
  }

  async handle(message: BusMessage): Promise<void> {
    const end = this.metrics.consumed.startTimer({ consumer: 'audit-projection' });
    await this.commands.execute(new ProjectAuditEventCommand(message.payload as AuditEvent));
    end();
  }
}
