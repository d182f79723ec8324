import type { Store } from '../engine';
import type { Config } from '../config';
import { SqliteStore } from './sqlite/sqliteStore';

/** DATABASE_URL selects PostgreSQL; without it, the embedded SQLite file. */
export async function createStore(config: Config): Promise<Store> {
  if (config.databaseUrl) {
    // Loaded only when asked for, so an SQLite deployment never loads pg.
    const { PostgresStore } = await import('./postgres/postgresStore');
    return PostgresStore.open(config);
  }
  return new SqliteStore({ path: config.dbPath, synchronous: config.sqliteSynchronous, busyTimeoutMs: config.sqliteBusyTimeoutMs });
}
