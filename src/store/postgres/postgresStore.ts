import { Client, Pool, type ClientConfig, type PoolClient } from 'pg';
import { EngineError, isEngineError, type Store, type StoreTx } from '../../engine';
import type { ObservableStore, PoolUse, StoreObserver } from '../storeObserver';
import { isConnectionError, isRetryable, translatePgError } from './errors';
import { migratePostgres } from './migrations';
import { buildPostgresTx } from './postgresTx';

export interface PostgresOptions {
  databaseUrl: string;
  poolSize: number;
  statementTimeoutMs: number;
  connectTimeoutMs: number;
  /** How often a transaction aborted by a deadlock or serialization failure is run again. */
  maxAttempts?: number;
}

/** The subset of Config that PostgresStore.open reads. */
export interface PostgresConfig {
  databaseUrl: string | null;
  pgPoolSize: number;
  pgStatementTimeoutMs: number;
  pgConnectTimeoutMs: number;
}

const DEFAULT_MAX_ATTEMPTS = 8;

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Jittered exponential backoff, so transactions that deadlocked together do not collide again. */
const backoffMs = (attempt: number): number => Math.random() * Math.min(200, 5 * 2 ** attempt);

/** Host and port of a database URL, for an operator: never the user or the password. */
function whereOf(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname || 'localhost'}:${url.port || '5432'}`;
  } catch {
    return 'the configured address';
  }
}

/** The socket's or the server's own words: a refused connect is an AggregateError of one per address tried. */
function causeOf(err: unknown): string {
  const first = err instanceof AggregateError && err.errors.length > 0 ? (err.errors[0] as unknown) : err;
  const { code, message } = (first ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' && message !== '' ? message : String(first);
  return typeof code === 'string' && !text.includes(code) ? `${code} ${text}` : text;
}

/** A start that cannot reach its database says where it looked and why it failed. */
function cannotStart(databaseUrl: string, err: unknown): unknown {
  const translated = translatePgError(err);
  if (!isEngineError(translated) || translated.code !== 'STORE_UNAVAILABLE' || isEngineError(err)) return translated;
  return new EngineError('STORE_UNAVAILABLE', `PostgreSQL at ${whereOf(databaseUrl)} cannot be reached: ${causeOf(err)}`);
}

/**
 * The store port on PostgreSQL: a pg pool, one client per transaction, READ COMMITTED with
 * row locks where the engine reads and then writes (README, "PostgreSQL").
 */
export class PostgresStore implements Store, ObservableStore {
  readonly kind = 'postgres';
  private readonly pool: Pool;
  private readonly maxAttempts: number;
  private closed = false;
  private observer: StoreObserver = {};
  private readonly poolSize: number;

  private constructor(options: PostgresOptions) {
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.poolSize = options.poolSize;
    const connectTimeoutMs = options.connectTimeoutMs;
    // Only connecting is timed. Given to the pool, the timeout would also bound the wait for a free
    // pooled client, and a burst queued behind a busy pool would be answered "unavailable" by a healthy database.
    class TimedClient extends Client {
      constructor(config?: ClientConfig) {
        super({ ...config, connectionTimeoutMillis: connectTimeoutMs });
      }
    }
    this.pool = new Pool({
      Client: TimedClient,
      connectionString: options.databaseUrl,
      max: options.poolSize,
      statement_timeout: options.statementTimeoutMs,
      // A database host that vanished without closing its sockets would otherwise leave idle clients that look alive.
      keepAlive: true,
      idleTimeoutMillis: 30_000,
      application_name: 'statusbridge',
    });
    // An idle client whose server went away emits 'error'; unhandled, that would end the process.
    // The pool drops that client and opens a fresh one on the next checkout, which is how it recovers.
    this.pool.on('error', () => undefined);
  }

  /** Connects and applies pending migrations; throws STORE_UNAVAILABLE when the database cannot be reached. */
  static async open(config: PostgresConfig, extra: { maxAttempts?: number } = {}): Promise<PostgresStore> {
    if (!config.databaseUrl) throw new Error('PostgresStore needs databaseUrl');
    const store = new PostgresStore({
      databaseUrl: config.databaseUrl,
      poolSize: config.pgPoolSize,
      statementTimeoutMs: config.pgStatementTimeoutMs,
      connectTimeoutMs: config.pgConnectTimeoutMs,
      ...extra,
    });
    try {
      await migratePostgres(store.pool);
    } catch (err) {
      await store.close();
      throw cannotStart(config.databaseUrl, err);
    }
    return store;
  }

  /** Applies pending migrations; safe when several instances run it at once. Returns how many it applied. */
  async migrate(): Promise<number> {
    try {
      return await migratePostgres(this.pool);
    } catch (err) {
      throw translatePgError(err);
    }
  }

  async withTransaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.attempt(fn);
        this.observer.available?.();
        return result;
      } catch (err) {
        if (isRetryable(err) && attempt < this.maxAttempts) {
          await pause(backoffMs(attempt));
          continue;
        }
        throw this.translate(err);
      }
    }
  }

  /** A READ COMMITTED transaction of its own on a pooled connection already sees only commits. */
  read<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    return this.withTransaction(fn);
  }

  async ping(): Promise<void> {
    if (this.closed) throw new EngineError('STORE_UNAVAILABLE');
    try {
      await this.pool.query('SELECT 1');
    } catch (err) {
      throw this.translate(err);
    }
    this.observer.available?.();
  }

  /** Metrics and the log watch availability from now on. */
  observe(observer: StoreObserver): void {
    this.observer = observer;
  }

  poolUse(): PoolUse {
    return { total: this.pool.totalCount, idle: this.pool.idleCount, waiting: this.pool.waitingCount, max: this.poolSize };
  }

  /** translatePgError, telling the observer when the database itself could not serve. */
  private translate(err: unknown): unknown {
    const translated = translatePgError(err);
    if (translated !== err && isEngineError(translated) && translated.code === 'STORE_UNAVAILABLE') this.observer.unavailable?.(err);
    return translated;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  /** One run of fn in one transaction on one client. Errors come out untranslated, for the retry decision. */
  private async attempt<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    if (this.closed) throw new EngineError('STORE_UNAVAILABLE');
    const client = await this.begin();
    let result: T;
    try {
      result = await fn(buildPostgresTx(client));
      await client.query('COMMIT');
    } catch (err) {
      await abandon(client, err);
      throw err;
    }
    release(client);
    return result;
  }

  /**
   * Checks out a client and opens a transaction. A pooled client whose server connection died
   * while idle fails on BEGIN, before any work: it is dropped and BEGIN tried once more on a
   * fresh connection.
   */
  private async begin(): Promise<PoolClient> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      client.on('error', ignoreError);
      try {
        await client.query('BEGIN');
        return client;
      } catch (err) {
        release(client, err);
        if (attempt >= 2 || !isConnectionError(err)) throw err;
      }
    }
  }
}

/**
 * The pool listens for errors only on idle clients. A connection that dies while a transaction
 * holds it, between two statements, emits 'error' too; unheard, that would end the process. The
 * next statement on it fails anyway, and that failure is what the caller sees.
 */
const ignoreError = (): void => undefined;

/** Hands a client back to the pool; with an error, the pool destroys it instead of reusing it. */
function release(client: PoolClient, err?: unknown): void {
  client.off('error', ignoreError);
  client.release(err === undefined ? undefined : err instanceof Error ? err : true);
}

/** Rolls back; a client whose connection is broken, or that cannot roll back, is destroyed rather than reused. */
async function abandon(client: PoolClient, cause: unknown): Promise<void> {
  if (isConnectionError(cause)) {
    release(client, cause);
    return;
  }
  try {
    await client.query('ROLLBACK');
    release(client);
  } catch (rollbackErr) {
    release(client, rollbackErr);
  }
}
