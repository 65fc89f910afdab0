import { createParser } from 'eventsource-parser';
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
 * Reads GET /api/v1/inbox/stream with fetch (EventSource cannot send the Authorization header) and eventsource-parser;
 * reconnects after the stream ends (it ends when the access token expires) with the current token. Returns stop().
 */
export function watchUrgentCases(on: { ready(): void; urgent(c: UrgentCaseEvent): void }): () => void {
  const stop = new AbortController();
  const run = async () => {
    while (!stop.signal.aborted) {
      try {
        const token = session.token ?? (await refresh());
        const res = await fetch('/api/v1/inbox/stream', {
          headers: { authorization: `Bearer ${token ?? ''}`, accept: 'text/event-stream' },
          signal: stop.signal,
        });
        if (res.status === 401) await refresh();
        if (res.ok && res.body) {
          const parser = createParser({
            onEvent(e) {
              if (e.event === 'ready') on.ready();
              if (e.event === 'urgent') on.urgent(JSON.parse(e.data) as UrgentCaseEvent);
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
      await new Promise((r) => setTimeout(r, 2000));
    }
  };
  void run();
  return () => stop.abort();
}
