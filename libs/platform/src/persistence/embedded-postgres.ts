import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Embedded mode: PGlite (PostgreSQL compiled to WASM) kept under DATA_DIR and served over the PostgreSQL wire
 * protocol on loopback, so TypeORM, the migrations and every SQL statement are exactly those of distributed mode.
 * PGlite is single-user: the pool in front of it must hold one connection.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    readonly url: string,
    private readonly dataDir: string,
  ) {}

  static async start(dataDir: string): Promise<EmbeddedPostgres> {
    const dir = join(dataDir, 'pgdata');
    mkdirSync(dir, { recursive: true });
    EmbeddedPostgres.lock(dataDir);
    const db = await PGlite.create(dir);
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
    await server.start();
    return new EmbeddedPostgres(db, server, `postgresql://postgres@${server.getServerConn()}/postgres`, dataDir);
  }

  /** PGlite has no lock of its own: two processes on one directory would corrupt it. */
  private static lock(dataDir: string): void {
    const file = join(dataDir, 'pgdata.pid');
    if (existsSync(file)) {
      const pid = Number(readFileSync(file, 'utf8'));
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new Error(`DATA_DIR ${dataDir} is in use by another JanSetu process (pid ${pid}); stop it first`);
      }
    }
    writeFileSync(file, String(process.pid));
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
    rmSync(join(this.dataDir, 'pgdata.pid'), { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
