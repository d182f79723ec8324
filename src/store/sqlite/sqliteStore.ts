import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { EngineError, isEngineError, type Store, type StoreTx } from '../../engine';
import type { ObservableStore, StoreObserver } from '../storeObserver';
import { GroupCommit } from './groupCommit';
import { SQLITE_MIGRATIONS } from './migrations';
import { buildSqliteTx } from './sqliteTx';

export interface SqliteOptions {
  path: string;
  /** NORMAL in WAL mode survives a process crash (kill -9); FULL also survives power loss. */
  synchronous: 'NORMAL' | 'FULL';
  busyTimeoutMs: number;
}

/** SQLite error codes that mean the database itself is not usable right now. */
const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|IOERR|CANTOPEN|FULL|READONLY|NOTADB|CORRUPT)/;

export class SqliteStore implements Store, ObservableStore {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  private readonly tx: StoreTx;
  /** better-sqlite3 is synchronous on one connection: async transactions must not interleave. */
  private readonly groups: GroupCommit;
  /** A read-only second connection: in WAL mode it reads the last commit while a group is open. */
  private readonly reader: { db: Database.Database; tx: StoreTx } | null;
  private closed = false;
  private observer: StoreObserver = {};

  constructor(options: SqliteOptions) {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    this.db = new Database(options.path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous}`);
    this.db.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
    this.db.pragma('foreign_keys = ON');
    this.migrate();
    this.tx = buildSqliteTx(this.db);
    this.groups = new GroupCommit(this.db, (err) => this.translate(err));
    // An in-memory database is private to its connection: its reads go through the groups.
    if (options.path === ':memory:') {
      this.reader = null;
    } else {
      const reader = new Database(options.path, { readonly: true });
      reader.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
      this.reader = { db: reader, tx: buildSqliteTx(reader) };
    }
  }

  /** Applies pending migrations in one IMMEDIATE transaction, so two processes cannot race. */
  migrate(): number {
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
    );
    const apply = this.db.transaction(() => {
      const done = new Set((this.db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
      let applied = 0;
      for (const migration of SQLITE_MIGRATIONS) {
        if (done.has(migration.version)) continue;
        this.db.exec(migration.sql);
        this.db
          .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
          .run(migration.version, migration.name, Date.now());
        applied++;
      }
      return applied;
    });
    return apply.immediate();
  }

  withTransaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new EngineError('STORE_UNAVAILABLE'));
    return this.groups.submit(() => fn(this.tx));
  }

  read<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new EngineError('STORE_UNAVAILABLE'));
    if (!this.reader) return this.withTransaction(fn);
    try {
      return fn(this.reader.tx).catch((err: unknown) => Promise.reject(this.translate(err)));
    } catch (err) {
      return Promise.reject(this.translate(err));
    }
  }

  async ping(): Promise<void> {
    if (this.closed) throw new EngineError('STORE_UNAVAILABLE');
    try {
      this.db.prepare('SELECT 1').get();
    } catch (err) {
      throw this.translate(err);
    }
    this.observer.available?.();
  }

  /** Metrics and the log watch commits and failures from now on. */
  observe(observer: StoreObserver): void {
    this.observer = observer;
    this.groups.observer = observer;
  }

  async close(): Promise<void> {
    await this.groups.whenIdle();
    if (!this.closed) {
      this.closed = true;
      this.reader?.db.close();
      this.db.close();
    }
  }

  private translate(err: unknown): unknown {
    if (isEngineError(err)) return err;
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && UNAVAILABLE.test(code)) {
      this.observer.unavailable?.(err);
      return new EngineError('STORE_UNAVAILABLE');
    }
    return err;
  }
}
