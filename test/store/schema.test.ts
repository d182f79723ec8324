import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { POSTGRES_MIGRATIONS } from '../../src/store/postgres/migrations';
import { POSTGRES } from '../../src/store/postgres/postgresDialect';
import { PostgresStore } from '../../src/store/postgres/postgresStore';
import { SQLITE_MIGRATIONS } from '../../src/store/sqlite/migrations';
import { SQLITE } from '../../src/store/sqlite/sqliteDialect';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore';
import { expectedSchema } from './expectedSchema';
import { readPostgresSchema, readSqliteSchema, type SchemaShape } from './liveSchema';
import { createTestDatabase } from './pgDatabase';

const dir = mkdtempSync(join(tmpdir(), 'statusbridge-schema-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the real migrations on the SQLite file (after prepare, if given) and reads the schema they left. */
async function sqliteSchemaAfterMigrations(name: string, prepare?: (db: Database.Database) => void): Promise<SchemaShape> {
  const path = join(dir, `${name}.db`);
  if (prepare) {
    const db = new Database(path);
    prepare(db);
    db.close();
  }
  await new SqliteStore({ path, synchronous: 'NORMAL', busyTimeoutMs: 1000 }).close();
  const db = new Database(path, { readonly: true });
  try {
    return readSqliteSchema(db);
  } finally {
    db.close();
  }
}

describe('the schema description matches the live SQLite schema', () => {
  it('on a new database', async () => {
    expect(await sqliteSchemaAfterMigrations('fresh')).toEqual(expectedSchema(SQLITE));
  });

  it('on a first-release database upgraded in place', async () => {
    const upgraded = await sqliteSchemaAfterMigrations('upgraded', (db) => {
      db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
      db.exec(SQLITE_MIGRATIONS[0].sql);
      db.prepare('INSERT INTO schema_migrations VALUES (1, ?, 0)').run(SQLITE_MIGRATIONS[0].name);
    });
    expect(upgraded).toEqual(expectedSchema(SQLITE));
  });
});

describe('the comparison sees drift', () => {
  /** Each change one migration could make without the description: every one must fail the comparison. */
  const drifts: [string, (shape: SchemaShape) => void][] = [
    ['a column added', (s) => (s.users.columns.nickname = { type: 'TEXT', notNull: false })],
    ['a column dropped', (s) => delete s.users.columns.email],
    ['a type changed', (s) => (s.sessions.columns.expires_at.type = 'TEXT')],
    ['nullability changed', (s) => (s.users.columns.email.notNull = false)],
    ['a primary key changed', (s) => (s.nonces.primaryKey = ['scope'])],
    ['a unique constraint dropped', (s) => s.users.unique.pop()],
    ['an index dropped', (s) => delete s.sessions.indexes.sessions_expiry],
    ['an index made unique', (s) => (s.audit.indexes.audit_request.unique = true)],
    ['a partial index widened', (s) => (s.users.indexes.users_enabled_admins.where = null)],
    ['a predicate changed', (s) => (s.users.indexes.users_enabled_by_directory.where = "status = 'disabled'")],
    ['a table added', (s) => (s.extra = { columns: {}, primaryKey: [], unique: [], indexes: {} })],
  ];
  it.each(drifts)('%s', async (_name, drift) => {
    const live = await sqliteSchemaAfterMigrations(`drift-${drifts.findIndex(([name]) => name === _name)}`);
    drift(live);
    expect(live).not.toEqual(expectedSchema(SQLITE));
  });
});

const url = process.env.DATABASE_URL;
if (url) {
  /** Runs the real migrations on a fresh PostgreSQL database (after prepare, if given) and reads the schema they left. */
  async function postgresSchemaAfterMigrations(prepare?: (client: Client) => Promise<void>): Promise<SchemaShape> {
    const db = await createTestDatabase(url as string);
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      if (prepare) await prepare(client);
      const store = await PostgresStore.open({ databaseUrl: db.url, pgPoolSize: 2, pgStatementTimeoutMs: 5000, pgConnectTimeoutMs: 3000 });
      await store.close();
      return await readPostgresSchema(client);
    } finally {
      await client.end();
      await db.drop();
    }
  }

  describe('the schema description matches the live PostgreSQL schema', () => {
    it('on a new database', async () => {
      expect(await postgresSchemaAfterMigrations()).toEqual(expectedSchema(POSTGRES));
    });

    it('on a first-release database upgraded in place', async () => {
      const upgraded = await postgresSchemaAfterMigrations(async (client) => {
        await client.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
        await client.query(POSTGRES_MIGRATIONS[0].sql);
        await client.query('INSERT INTO schema_migrations VALUES (1, $1, 0)', [POSTGRES_MIGRATIONS[0].name]);
      });
      expect(upgraded).toEqual(expectedSchema(POSTGRES));
    });
  });
} else {
  it('the PostgreSQL schema comparison needs DATABASE_URL', () => {
    if (process.env.STATUSBRIDGE_REQUIRE_POSTGRES === '1') {
      throw new Error('STATUSBRIDGE_REQUIRE_POSTGRES=1 but DATABASE_URL is unset: the PostgreSQL schema comparison cannot run');
    }
    console.warn('DATABASE_URL is unset: the PostgreSQL schema comparison did NOT run.');
  });
}
