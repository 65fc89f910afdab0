import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { InboxRoutingRepository } from '../persistence/inbox-routing.repository';
import { InboxNode, memberInbox, mostLocalGroup, namedDistrict } from './inbox-routing';

export type { InboxNode } from './inbox-routing';

/**
 * Which inbox a message lands in. A member's: the station of their most local group (a locality's station is its
 * parent; a group on a subdivision or district routes to that node). Anyone else's: the district named in the
 * message, or the state. The rules are in inbox-routing.ts; this reads what they need, inside the caller's
 * transaction.
 */
@Injectable()
export class InboxRouter {
  constructor(private readonly routing: InboxRoutingRepository) {}

  async forCitizen(m: EntityManager, citizenId: string): Promise<InboxNode | undefined> {
    const group = mostLocalGroup(await this.routing.activeGroupNodes(m, citizenId));
    if (!group) return undefined;
    return memberInbox(group, await this.routing.nodeAndAncestors(m, group.path));
  }

  async forStranger(m: EntityManager, text: string): Promise<InboxNode | undefined> {
    return namedDistrict(text, await this.routing.districts(m)) ?? (await this.routing.root(m));
  }
}
