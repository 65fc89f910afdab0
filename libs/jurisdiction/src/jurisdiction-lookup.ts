import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@jansetu/platform';
import { EntityManager } from 'typeorm';
import { NodeRef, SubtreeNode } from './domain/jurisdiction-node';
import { Level } from './domain/jurisdiction-row';
import { JurisdictionNodeRepository, Queryable } from './persistence/jurisdiction-node.repository';

/** Finds a node by code or id; other contexts use it to check an officer's reach (they never read the table). */
@Injectable()
export class JurisdictionLookup {
  constructor(private readonly nodes: JurisdictionNodeRepository = new JurisdictionNodeRepository()) {}

  async byCode(m: EntityManager | Queryable, code: string): Promise<NodeRef> {
    const node = await this.nodes.findByCode(m, code);
    if (!node) throw new NotFoundError(`jurisdiction ${code}`);
    return node;
  }

  /** The node with this code, or null when there is none. */
  findByCode(m: EntityManager | Queryable, code: string): Promise<NodeRef | null> {
    return this.nodes.findByCode(m, code);
  }

  findById(m: EntityManager | Queryable, id: string): Promise<NodeRef | null> {
    return this.nodes.findById(m, id);
  }

  /** The code of the node at each of these paths (paths no node has any more are left out). */
  codesByPath(m: EntityManager | Queryable, paths: string[]): Promise<Map<string, string>> {
    return this.nodes.codesByPath(m, paths);
  }

  /** The node at `path` and everything below it, in tree order. */
  subtree(
    m: EntityManager | Queryable,
    path: string,
    level: Level | null = null,
    limit = 5000,
  ): Promise<SubtreeNode[]> {
    return this.nodes.subtree(m, path, level, limit);
  }
}
