import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { catchError, defer, exhaustMap, from, mergeMap, Observable, of, share, timer } from 'rxjs';
import { ListNewUrgentCasesQuery, NewUrgentCase } from '@jansetu/inbox';

/** How often the gateway looks for new emergencies while anyone watches, and how far back each look reaches. */
export const URGENT_POLL_MS = 1000;
const LOOKBACK_MS = 30_000;

/**
 * New urgent cases, for every officer watching the live stream of this gateway. Server-side polling (one query a
 * second per gateway, shared by every connection, running only while someone watches) rather than the domain
 * event: cases are filed by the dispatcher, which in distributed mode is another process. Each look reaches back
 * 30 s and forgets what it already told, so a case whose transaction committed late is still told, once.
 */
@Injectable()
export class UrgentCaseFeed {
  readonly cases$: Observable<NewUrgentCase>;

  constructor(queries: QueryBus) {
    this.cases$ = defer(() => {
      const told = new Map<string, number>();
      let primed = false;
      return timer(0, URGENT_POLL_MS).pipe(
        exhaustMap(() =>
          from(queries.execute(new ListNewUrgentCasesQuery(new Date(Date.now() - LOOKBACK_MS)))).pipe(
            catchError(() => of([] as NewUrgentCase[])),
          ),
        ),
        mergeMap((found) => {
          const fresh = found.filter((c) => !told.has(c.id));
          const now = Date.now();
          for (const c of found) told.set(c.id, now);
          for (const [id, at] of told) if (at < now - 2 * LOOKBACK_MS) told.delete(id);
          // The first look only learns what is already there: the console loads those with the list.
          const out = primed ? fresh : [];
          primed = true;
          return out;
        }),
      );
    }).pipe(share());
  }
}
