/**
 * Verifies JanSetu's audit chains without trusting JanSetu: reads audit events as NDJSON (the Kafka topic through
 * kcat, or the auditor API's NDJSON export) and checks every hash and every link. Plain Node, no NestJS:
 *
 *   kcat -C -b HOST:9092 -t jansetu.audit.v1 -o beginning -e -q -f '%s\n' | node dist/scripts/verify-audit-chain.js
 *   node dist/scripts/verify-audit-chain.js export.ndjson [--from-first-seen] [--json]
 *   ... --public-key audit-public-key.pem --checkpoint DATA_DIR/audit-checkpoints/2026-12-01.jsonl
 *
 * With a public key and checkpoints (the JSONL files, or the jansetu.audit-checkpoints.v1 topic through kcat), every
 * chain the newest validly signed checkpoint names must reach its signed head: a consistent rewrite, a removed chain
 * or removed newest events fail at once, however the database was edited.
 *
 * Exit status: 0 when every chain holds, 1 when a link is broken or a line is unreadable, 2 on bad usage.
 */
import { KeyObject } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
// The script depends on the hashing rules only, by relative path, so that it loads without the application.
// eslint-disable-next-line no-restricted-imports
import { AuditChainVerifier, parseAuditLine, VerificationSummary } from '../libs/audit/src/domain/chain-verifier';
// eslint-disable-next-line no-restricted-imports
import {
  AuditCheckpoint,
  checkpointProblem,
  chooseCheckpoint,
  parseCheckpointLines,
  parsePublicKey,
} from '../libs/audit/src/domain/audit-checkpoint';

const USAGE = `usage: verify-audit-chain [FILE.ndjson ...] [--from-first-seen] [--json]
                          [--public-key KEY.pem|BASE64 --checkpoint CHECKPOINTS.jsonl ...]
  reads standard input when no file is given; each line is a bus envelope {id, topic, key, type, payload} or an event
  --from-first-seen  the topic no longer holds the oldest events (Kafka retention): start each chain where it begins
  --json             print the summary as JSON
  --public-key       the published Ed25519 public key (a PEM file, or base64 SPKI)
  --checkpoint       signed checkpoints (DATA_DIR/audit-checkpoints/*.jsonl, or the checkpoint topic via kcat);
                     the newest one whose signature holds is the one the chains must reach`;

export interface ScriptResult {
  exitCode: 0 | 1;
  summary: VerificationSummary;
  unreadable: { line: number; error: string }[];
  /** The checkpoint the chains were held to, and what was wrong with the checkpoints given. */
  checkpoint?: { sequence: number; createdAt: string; chains: number } | null;
  checkpointProblems?: string[];
}

export interface SignedInput {
  publicKey: KeyObject;
  checkpoints: AuditCheckpoint[];
}

/** The newest validly signed checkpoint with its heads, and the problems of every other one. */
export function pickCheckpoint({ publicKey, checkpoints }: SignedInput): {
  checkpoint: AuditCheckpoint | null;
  problems: string[];
} {
  const choice = chooseCheckpoint(
    checkpoints.map((c) => ({ source: `checkpoint ${c.sequence}`, checkpoint: c })),
    publicKey,
  );
  const problems = [...choice.problems];
  const latest = choice.latest?.checkpoint as AuditCheckpoint | undefined;
  const problem = latest ? checkpointProblem(latest, publicKey) : 'no checkpoint given verifies with the public key';
  if (problem) problems.push(problem);
  // The newest good checkpoint still holds the chains, even when another one given was forged (that fails the run).
  return { checkpoint: latest && !problem ? latest : null, problems };
}

/** Reads every line of every input, then judges all chains together. */
export async function verifyInputs(
  inputs: Readable[],
  acceptFirstSeen: boolean,
  signed?: SignedInput,
): Promise<ScriptResult> {
  const picked = signed ? pickCheckpoint(signed) : null;
  const usable = picked?.checkpoint ?? null;
  const verifier = new AuditChainVerifier({ acceptFirstSeen, checkpoint: usable ?? undefined });
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
  const problems = picked?.problems ?? [];
  const exitCode = summary.ok && !unreadable.length && summary.checkedEvents > 0 && !problems.length ? 0 : 1;
  const checkpoint = usable && { sequence: usable.sequence, createdAt: usable.createdAt, chains: usable.chains };
  return { exitCode, summary, unreadable, ...(signed ? { checkpoint, checkpointProblems: problems } : {}) };
}

/** `--name value` pairs (repeatable) out of the arguments; the rest are input files and flags. */
function takeOption(argv: string[], name: string): { values: string[]; rest: string[] } {
  const values: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === name && i + 1 < argv.length) values.push(argv[++i]);
    else rest.push(argv[i]);
  }
  return { values, rest };
}

function report({ summary: s, unreadable, checkpoint, checkpointProblems }: ScriptResult): string {
  const lines = [
    ...(checkpoint
      ? [`held to signed checkpoint ${checkpoint.sequence} of ${checkpoint.createdAt} (${checkpoint.chains} chains)`]
      : []),
    ...(checkpointProblems ?? []).map((p) => `CHECKPOINT: ${p}`),
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
  } else if (checkpointProblems?.length) {
    lines.push('NOT OK: the chains hold, but not every checkpoint given is genuine (see CHECKPOINT above)');
  } else if (!unreadable.length) {
    lines.push('OK: every chain holds');
  }
  return lines.join('\n');
}

async function main(args: string[]): Promise<number> {
  const keyOpt = takeOption(args, '--public-key');
  const cpOpt = takeOption(keyOpt.rest, '--checkpoint');
  const argv = cpOpt.rest;
  if (keyOpt.values.length > 1 || (keyOpt.values.length === 1) !== cpOpt.values.length > 0) {
    console.error(USAGE);
    return 2;
  }
  const signed = keyOpt.values.length
    ? {
        publicKey: parsePublicKey(
          keyOpt.values[0].includes('-----BEGIN') || !keyOpt.values[0].match(/^[A-Za-z0-9+/=]+$/)
            ? readFileSync(keyOpt.values[0], 'utf8')
            : keyOpt.values[0],
        ),
        checkpoints: cpOpt.values.flatMap((f) => parseCheckpointLines(readFileSync(f, 'utf8').split('\n'))),
      }
    : undefined;
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const files = argv.filter((a) => !a.startsWith('--'));
  const unknown = [...flags].filter((f) => !['--from-first-seen', '--json', '--help'].includes(f));
  if (unknown.length || flags.has('--help')) {
    console.error(USAGE);
    return flags.has('--help') && !unknown.length ? 0 : 2;
  }
  const inputs = files.length ? files.map((f) => createReadStream(f)) : [process.stdin];
  const result = await verifyInputs(inputs, flags.has('--from-first-seen'), signed);
  const json = {
    ...result.summary,
    unreadable: result.unreadable,
    ...(signed ? { checkpoint: result.checkpoint, checkpointProblems: result.checkpointProblems } : {}),
  };
  console.log(flags.has('--json') ? JSON.stringify(json) : report(result));
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
