import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@jansetu/platform';
import { OfficerRepository, SessionState } from '../persistence/officer.repository';

/** What the check needs from a verified access token. */
export interface SessionClaims {
  sub: string;
  ver?: number;
  sid?: string;
}

/** Officers remembered at once; far above the officers signed in to one gateway, so eviction is rare. */
const MAX_ENTRIES = 50_000;

interface Entry {
  state: SessionState | null;
  loadedAt: number;
}

/**
 * Is the session of an access token still current: the officer active, on the session version the token carries,
 * and the token's family not revoked. Answered from memory; each officer's state is read from PostgreSQL at most
 * once per SESSION_CHECK_TTL_MS per process (one query however many requests arrive meanwhile).
 *
 * Staleness: in the process that made the change, none (it drops its entry after the commit); in other processes,
 * at most SESSION_CHECK_TTL_MS (default 1 s), and about a Redis round trip when REDIS_URL is set (pub/sub drops the
 * entry everywhere). A lost pub/sub message only falls back to the TTL bound.
 */
@Injectable()
export class SessionCheck implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SessionCheck.name);
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<SessionState | null>>();
  /** Bumped by every invalidation, so a load that raced a change does not store what it read before it. */
  private readonly generations = new Map<string, number>();
  private publisher?: Redis;
  private subscriber?: Redis;
  private readonly channel: string;
  /** Loads from the database since start (for the bench and the tests: the check costs no round trip per request). */
  loads = 0;

  constructor(
    private readonly officers: OfficerRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.channel = `${config.REDIS_KEY_PREFIX}identity:session-changed`;
  }

  async onModuleInit(): Promise<void> {
    if (!this.config.REDIS_URL) return;
    const options = { lazyConnect: true, maxRetriesPerRequest: 2 } as const;
    this.publisher = new Redis(this.config.REDIS_URL, options);
    this.subscriber = new Redis(this.config.REDIS_URL, options);
    for (const r of [this.publisher, this.subscriber]) {
      r.on('error', (e: Error) =>
        this.logger.warn(`redis: ${e.message}; session changes reach other processes by TTL`),
      );
    }
    this.subscriber.on('message', (_channel: string, officerId: string) => this.forget(officerId));
    try {
      await Promise.all([this.publisher.connect(), this.subscriber.connect()]);
      await this.subscriber.subscribe(this.channel);
    } catch (e) {
      this.logger.warn(`redis unavailable (${(e as Error).message}): session changes reach other processes by TTL`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    for (const r of [this.publisher, this.subscriber]) await r?.quit().catch(() => undefined);
  }

  async isCurrent(claims: SessionClaims): Promise<boolean> {
    if (claims.ver === undefined) return false; // a token from before sessions existed
    const state = await this.state(claims.sub);
    if (!state || !state.active || state.sessionVersion !== claims.ver) return false;
    return !claims.sid || !state.revokedFamilies.includes(claims.sid);
  }

  /** After a committed change to an officer's sessions: here at once, elsewhere through Redis (or the TTL). */
  invalidate(officerId: string): void {
    this.forget(officerId);
    this.publisher
      ?.publish(this.channel, officerId)
      .catch((e: Error) => this.logger.warn(`redis publish: ${e.message}`));
  }

  private forget(officerId: string): void {
    this.entries.delete(officerId);
    this.loading.delete(officerId);
    this.generations.set(officerId, (this.generations.get(officerId) ?? 0) + 1);
  }

  private async state(officerId: string): Promise<SessionState | null> {
    const entry = this.entries.get(officerId);
    if (entry && Date.now() - entry.loadedAt < this.config.SESSION_CHECK_TTL_MS) return entry.state;
    let pending = this.loading.get(officerId);
    if (!pending) {
      const generation = this.generations.get(officerId) ?? 0;
      const startedAt = Date.now();
      pending = this.officers.sessionState(officerId).then(
        (state) => {
          if (this.loading.get(officerId) === pending) this.loading.delete(officerId);
          if ((this.generations.get(officerId) ?? 0) === generation) this.remember(officerId, state, startedAt);
          return state;
        },
        (e: unknown) => {
          this.loading.delete(officerId);
          throw e;
        },
      );
      this.loading.set(officerId, pending);
      this.loads++;
    }
    return pending;
  }

  private remember(officerId: string, state: SessionState | null, loadedAt: number): void {
    if (this.entries.size >= MAX_ENTRIES) {
      // Maps iterate in insertion order: drop the oldest tenth.
      let n = MAX_ENTRIES / 10;
      for (const key of this.entries.keys()) {
        if (n-- <= 0) break;
        this.entries.delete(key);
      }
    }
    this.entries.delete(officerId);
    this.entries.set(officerId, { state, loadedAt });
  }
}
