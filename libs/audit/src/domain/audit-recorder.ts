import { Injectable } from '@nestjs/common';
import { Outbox, Topics } from '@jansetu/platform';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditChainRepository } from '../persistence/audit-chain.repository';
import { AuditActor, AuditEvent, hashAuditEvent } from './audit-event';

/**
 * What a context tells the audit log. The auditors' search reads these conventional keys, so use them when they apply:
 * - subject: `broadcastId`, `groupId` / `groupIds`, `pseudonym` / `pseudonyms`, `officerId`, `tipId`
 * - body: `category`, `channel`, `content` (a text or `{hi, en}`) with `contentSha256`, `audienceSize`, `status`,
 *   `reason`, and `outcomes: [{deliveryId, pseudonym, channel, status, ...}]` for messages sent
 */
export interface AuditFact {
  /** Events of one chain are ordered and linked; a chain is an aggregate (`broadcast:<id>`, `officer:<id>`, ...). */
  chainId: string;
  type: string;
  actor: AuditActor;
  jurisdictionPath: string | null;
  subject: Record<string, unknown>;
  body: Record<string, unknown>;
}

/** The officer acting, as the audit log keeps them (structurally an OfficerPrincipal). */
export interface ActingOfficer {
  id: string;
  role: string;
  jurisdictionPath: string | null;
}

export function officerActor(o: ActingOfficer): AuditActor {
  return { kind: 'officer', officerId: o.id, role: o.role, jurisdictionPath: o.jurisdictionPath };
}

export const SYSTEM_ACTOR: AuditActor = { kind: 'system', officerId: null, role: null };

/**
 * Appends an audit event inside the caller's transaction: it takes the chain's head row lock, links the new event
 * to the head's hash and puts it in the outbox. The act and its audit event commit together or not at all.
 */
@Injectable()
export class AuditRecorder {
  constructor(
    private readonly outbox: Outbox,
    private readonly chains: AuditChainRepository = new AuditChainRepository(),
  ) {}

  async record(m: EntityManager, fact: AuditFact): Promise<AuditEvent> {
    const head = await this.chains.lockHead(m, fact.chainId);
    const unsigned = {
      id: randomUUID(),
      chainId: fact.chainId,
      chainSeq: head.seq + 1,
      type: fact.type,
      occurredAt: new Date().toISOString(),
      actor: fact.actor,
      jurisdictionPath: fact.jurisdictionPath,
      subject: fact.subject,
      body: fact.body,
      prevHash: head.hash,
    };
    const event: AuditEvent = { ...unsigned, hash: hashAuditEvent(unsigned) };
    await this.chains.advanceHead(m, event.chainId, event.chainSeq, event.hash);
    await this.outbox.add(m, {
      id: event.id,
      topic: Topics.audit,
      key: event.chainId,
      type: event.type,
      payload: event,
    });
    return event;
  }
}
