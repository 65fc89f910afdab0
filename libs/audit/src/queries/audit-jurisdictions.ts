import { Injectable } from '@nestjs/common';
import { JurisdictionLookup } from '@jansetu/jurisdiction';
import { AuditScope, narrowJurisdiction } from '../domain/audit-filter';
import { Queryable } from '../persistence/audit-sql';

/** The jurisdiction filter of search and export: the code looked up, the path narrowed to the caller's reach. */
@Injectable()
export class AuditJurisdictions {
  constructor(private readonly lookup: JurisdictionLookup = new JurisdictionLookup()) {}

  /** undefined when no jurisdiction was asked for. */
  async resolve(q: Queryable, code: string | undefined, scope: AuditScope): Promise<string | undefined> {
    if (!code) return undefined;
    const node = await this.lookup.findByCode(q, code);
    return narrowJurisdiction(code, node?.path ?? null, scope);
  }
}
