import { Injectable } from '@nestjs/common';
import { ReplyQueue } from '@jansetu/broadcast';
import { EntityManager } from 'typeorm';
import { alertText } from '../domain/alerts';
import { AlertRepository } from './alert.repository';

/**
 * Queues the alert to every contact at one node through the automatic-reply path (pacing, retries, audit), inside
 * the caller's transaction. Returns how many were queued.
 */
@Injectable()
export class AlertSender {
  constructor(
    private readonly alerts: AlertRepository,
    private readonly replies: ReplyQueue,
  ) {}

  async sendAt(
    m: EntityManager,
    path: string,
    a: { caseId: string; caseNumber: number; pseudonym: string; level: number; casePath: string },
  ): Promise<number> {
    const targets = await this.alerts.targetsAt(m, path);
    const text = alertText(a.caseNumber, a.pseudonym, a.level);
    for (const t of targets) {
      await this.replies.enqueue(
        m,
        `alert:${a.caseId}:${a.level}:${t.id}`,
        { channel: t.channel, toSealed: t.sealed, pseudonym: null },
        'case-alert',
        text,
        a.casePath,
      );
    }
    return targets.length;
  }
}
