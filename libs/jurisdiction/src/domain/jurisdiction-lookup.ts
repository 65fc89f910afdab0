import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@jansetu/platform';
import { EntityManager } from 'typeorm';

export interface NodeRef {
  id: string;
  code: string;
  path: string;
  level: string;
}

/** Finds a node by code or id; other contexts use it to check an officer's reach. */
@Injectable()
export class JurisdictionLookup {
  async byCode(m: EntityManager, code: string): Promise<NodeRef> {
    const rows: NodeRef[] = await m.query(`SELECT id, code, path, level FROM jurisdiction_node WHERE code = $1`, [
      code,
    ]);
    if (!rows.length) throw new NotFoundError(`jurisdiction ${code}`);
    return rows[0];
  }
}
