import type { Store } from '../engine';
import type { Config } from '../config';
import { SqliteStore } from './sqlite/sqliteStore';

/** DATABASE_URL selects PostgreSQL; without it, the embedded SQLite file. */
export async function createStore(config: Config): Promise<Store> {
  if (config.databaseUrl) {
    throw new Error('DATABASE_URL is set but this build has no PostgreSQL store yet');
  }
  return new SqliteStore({ path: config.dbPath, synchronous: config.sqliteSynchronous, busyTimeoutMs: config.sqliteBusyTimeoutMs });
}
