/**
 * Verifies JanSetu's audit chains without trusting JanSetu: reads audit events as NDJSON (the Kafka topic through
 * kcat, or the auditor API's NDJSON export) and checks every hash and every link. Plain Node, no NestJS:
 *
 *   kcat -C -b HOST:9092 -t jansetu.audit.v1 -o beginning -e -q -f '%s\n' | node dist/scripts/verify-audit-chain.js
 *   node dist/scripts/verify-audit-chain.js export.ndjson [--from-first-seen] [--json]
 *
 * Exit status: 0 when every chain holds, 1 when a link is broken or a line is unreadable, 2 on bad usage.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
// The script depends on the hashing rules only, by relative path, so that it loads without the application.
// eslint-disable-next-line no-restricted-imports
import { AuditChainVerifier, parseAuditLine, VerificationSummary } from '../libs/audit/src/domain/chain-verifier';

const USAGE = `usage: verify-audit-chain [FILE.ndjson ...] [--from-first-seen] [--json]
  reads standard input when no file is given; each line is a bus envelope {id, topic, key, type, payload} or an event
  --from-first-seen  the topic no longer holds the oldest events (Kafka retention): start each chain where it begins
  --json             print the summary as JSON`;

export interface ScriptResult {
  exitCode: 0 | 1;
  summary: VerificationSummary;
  unreadable: { line: number; error: string }[];
}

/** Reads every line of every input, then judges all chains together. */
export async function verifyInputs(inputs: Readable[], acceptFirstSeen: boolean): Promise<ScriptResult> {
  const verifier = new AuditChainVerifier({ acceptFirstSeen });
  const unreadable: { line: number; error: string }[] = [];
  let lineNo = 0;
  for (const input of inputs) {
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      lineNo++;
      try {
        const event = parseAuditLine(line);
        if (event) verifier.add(event);
      } catch (e) {
        unreadable.push({ line: lineNo, error: (e as Error).message });
      }
    }
  }
  const summary = verifier.finish();
  // Nothing read is no proof of anything (kcat could not reach the broker, or the wrong topic was named).
  const exitCode = summary.ok && !unreadable.length && summary.checkedEvents > 0 ? 0 : 1;
  return { exitCode, summary, unreadable };
}

function report({ summary: s, unreadable }: ScriptResult): string {
  const lines = [
    `${s.checkedEvents} events in ${s.chains} chains checked` +
      (s.repeatedCopies ? `; ${s.repeatedCopies} repeated copies of events already seen were skipped` : '') +
      (s.anchoredChains ? `; ${s.anchoredChains} chains verified from a retention purge's record` : '') +
      (s.unanchoredStarts ? `; ${s.unanchoredStarts} chains taken from where the input begins` : ''),
  ];
  for (const u of unreadable.slice(0, 10)) lines.push(`UNREADABLE line ${u.line}: ${u.error}`);
  if (unreadable.length > 10) lines.push(`... ${unreadable.length - 10} more unreadable lines`);
  if (s.firstBreak) {
    const b = s.firstBreak;
    lines.push(`BROKEN: chain ${b.chainId}, sequence ${b.chainSeq}, event ${b.eventId}: ${b.reason}`);
    if (s.brokenChains > 1) lines.push(`${s.brokenChains} chains are broken in all`);
  } else if (!s.checkedEvents) {
    lines.push('NOTHING VERIFIED: no audit event was read');
  } else if (!unreadable.length) {
    lines.push('OK: every chain holds');
  }
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const files = argv.filter((a) => !a.startsWith('--'));
  const unknown = [...flags].filter((f) => !['--from-first-seen', '--json', '--help'].includes(f));
  if (unknown.length || flags.has('--help')) {
    console.error(USAGE);
    return flags.has('--help') && !unknown.length ? 0 : 2;
  }
  const inputs = files.length ? files.map((f) => createReadStream(f)) : [process.stdin];
  const result = await verifyInputs(inputs, flags.has('--from-first-seen'));
  console.log(
    flags.has('--json') ? JSON.stringify({ ...result.summary, unreadable: result.unreadable }) : report(result),
  );
  return result.exitCode;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: Error) => {
      console.error(`error: ${e.message}`);
      process.exit(2);
    },
  );
}
