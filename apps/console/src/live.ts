import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { refresh, session } from './api/client';

export interface UrgentCaseEvent {
  id: string;
  caseNumber: number;
  pseudonym: string;
  label: string;
  inboxCode: string;
  inboxNameEn: string;
  inboxNameHi: string;
  receivedAt: string;
}

/**
 * Reads a server-sent event stream of the gateway with fetch (EventSource cannot send the Authorization header) and
 * eventsource-parser; reconnects after the stream ends (it ends when the access token expires) with the current
 * token, unless `onEvent` returns true (the stream is finished). Returns stop().
 */
export function watchStream(path: string, onEvent: (e: EventSourceMessage) => boolean | void): () => void {
  const stop = new AbortController();
  let finished = false;
  const run = async () => {
    while (!stop.signal.aborted && !finished) {
      try {
        const token = session.token ?? (await refresh());
        const res = await fetch(path, {
          headers: { authorization: `Bearer ${token ?? ''}`, accept: 'text/event-stream' },
          signal: stop.signal,
        });
        if (res.status === 401) await refresh();
        if (res.status === 404 || res.status === 403) return;
        if (res.ok && res.body) {
          const parser = createParser({
            onEvent(e) {
              if (onEvent(e) === true) finished = true;
            },
          });
          const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            parser.feed(value);
          }
        }
      } catch {
        if (stop.signal.aborted) return;
      }
      if (!finished) await new Promise((r) => setTimeout(r, 2000));
    }
  };
  void run();
  return () => stop.abort();
}

/** GET /api/v1/inbox/stream: `ready`, then `urgent` for each new urgent case of the officer's station. */
export function watchUrgentCases(on: { ready(): void; urgent(c: UrgentCaseEvent): void }): () => void {
  return watchStream('/api/v1/inbox/stream', (e) => {
    if (e.event === 'ready') on.ready();
    if (e.event === 'urgent') on.urgent(JSON.parse(e.data) as UrgentCaseEvent);
  });
}
