import { ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { constants } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { REPO_ROOT } from './services';

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
    server.on('error', reject);
  });
}

/**
 * The Node flags each app runs with, as `npm run start:dispatcher` and docker-compose.yml run it. The dispatcher's
 * live heap is well under 100 MB, but without a limit V8 lets its heap grow with the allocation rate of a broadcast
 * (≈ 10 MB/s of garbage-held RSS, measured in bench/scale); 256 MB of old space keeps it near 200 MB RSS.
 */
export const NODE_FLAGS: Record<'gateway' | 'dispatcher', string[]> = {
  gateway: [],
  dispatcher: ['--max-old-space-size=256'],
};

/** One of the built apps (dist/), run as its own process, as an operator would. */
export class AppProcess {
  private child?: ChildProcess;
  readonly output: string[] = [];
  exitCode: number | null = null;

  constructor(
    readonly app: 'gateway' | 'dispatcher',
    readonly env: Record<string, string>,
  ) {}

  start(): this {
    this.child = spawn(
      process.execPath,
      [...NODE_FLAGS[this.app], join(REPO_ROOT, `dist/apps/${this.app}/src/main.js`)],
      {
        cwd: REPO_ROOT,
        env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...this.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const keep = (chunk: Buffer) => this.output.push(chunk.toString('utf8'));
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    // Killed by a signal, a process has no exit code: it reads as the shell's 128 + signal number (SIGKILL: 137).
    this.child.on('exit', (code, signal) => (this.exitCode = code ?? 128 + (signal ? constants.signals[signal] : 0)));
    return this;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get log(): string {
    return this.output.join('');
  }

  async waitForLog(pattern: RegExp, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.log)) {
      if (this.exitCode !== null) throw new Error(`${this.app} exited (${this.exitCode}):\n${this.log.slice(-3000)}`);
      if (Date.now() > deadline)
        throw new Error(`${this.app}: no ${pattern} within ${timeoutMs} ms:\n${this.log.slice(-3000)}`);
      await sleep(100);
    }
  }

  async waitForExit(timeoutMs = 30_000): Promise<number | null> {
    const deadline = Date.now() + timeoutMs;
    while (this.exitCode === null && Date.now() < deadline) await sleep(50);
    return this.exitCode;
  }

  /** Sends a signal (SIGKILL to simulate a crash). */
  kill(signal: NodeJS.Signals): void {
    this.child?.kill(signal);
  }

  async stop(): Promise<void> {
    if (!this.child || this.exitCode !== null) return;
    this.child.kill('SIGTERM');
    if ((await this.waitForExit(20_000)) === null) this.child.kill('SIGKILL');
  }
}

/** Polls until `probe` returns a value that is not undefined. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (e) {
      last = e;
    }
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}

/** The processes whose parent is `pid` (a gateway supervisor's workers). */
export function childrenOf(pid: number): number[] {
  return processesWhere((p) => Number(procStat(p)[1]) === pid);
}

/** The processes running a program of this name (/proc/<pid>/comm, e.g. every PostgreSQL backend). */
export function processesNamed(comm: string): number[] {
  return processesWhere((p) => readFileSync(`/proc/${p}/comm`, 'utf8').trim() === comm);
}

function processesWhere(test: (pid: number) => boolean): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      try {
        return test(pid);
      } catch {
        return false; // gone meanwhile
      }
    });
}

/** CPU seconds (user + system) a process has used so far; 0 once it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const fields = procStat(pid);
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100 on Linux)
  } catch {
    return 0;
  }
}

/** /proc/<pid>/stat after "pid (comm) ": state, ppid, …; comm may hold spaces, so it is cut at its last ")". */
function procStat(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}
