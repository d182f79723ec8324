import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SQLITE_MIGRATIONS } from '../../src/store/sqlite/migrations';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore';

const dir = mkdtempSync(join(tmpdir(), 'statusbridge-migrations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A database as the first release left it: migration 1 only, with users and audit rows. */
function firstReleaseDatabase(path: string): void {
  const db = new Database(path);
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  db.exec(SQLITE_MIGRATIONS[0].sql);
  db.prepare('INSERT INTO schema_migrations VALUES (1, ?, 0)').run(SQLITE_MIGRATIONS[0].name);
  db.prepare("INSERT INTO directories VALUES ('d-1', 'One', 3, 0)").run();
  const user = db.prepare(
    `INSERT INTO users (id, directory_id, user_name, user_name_lc, display_name, email, is_admin, status, hosted,
       failed_logins, version, created_at, updated_at) VALUES (?, 'd-1', ?, ?, '', '', ?, ?, 0, 0, 1, 0, 0)`,
  );
  user.run('u-a', 'Admin', 'admin', 1, 'enabled');
  user.run('u-b', 'Bob', 'bob', 0, 'enabled');
  user.run('u-c', 'Carol', 'carol', 0, 'disabled');
  const audit = db.prepare(
    "INSERT INTO audit (at, request_id, door, caller, target, verb, before, after, outcome) VALUES (?, ?, 'cli', 'cli', ?, 'set', 'enabled', 'disabled', 'ok')",
  );
  for (let i = 1; i <= 5; i++) audit.run(i, `r-${i}`, i % 2 ? 'Bob' : 'Carol');
  // An AUTOINCREMENT table remembers its largest id even after the newest rows are gone.
  db.prepare('DELETE FROM audit WHERE id = 5').run();
  db.close();
}

describe('SQLite migrations', () => {
  it('upgrade a first-release database in place: audit rows and their ids kept, counts and lookups unchanged', async () => {
    const path = join(dir, 'upgrade.db');
    firstReleaseDatabase(path);
    const store = new SqliteStore({ path, synchronous: 'NORMAL', busyTimeoutMs: 1000 });
    try {
      expect(store.migrate()).toBe(0);
      await store.withTransaction(async (tx) => {
        expect(await tx.users.countEnabled('d-1')).toBe(2);
        expect(await tx.users.countEnabledAdmins()).toBe(1);
        const kept = await tx.audit.list({});
        expect(kept.map((e) => [e.id, e.requestId, e.target])).toEqual([
          [1, 'r-1', 'Bob'],
          [2, 'r-2', 'Carol'],
          [3, 'r-3', 'Bob'],
          [4, 'r-4', 'Carol'],
        ]);
        expect((await tx.audit.list({ target: 'carol' })).map((e) => e.id)).toEqual([2, 4]);
        expect((await tx.audit.list({ requestId: 'r-3' })).map((e) => e.id)).toEqual([3]);
        await tx.users.setStatusMany(['u-c'], { status: 'enabled', statusReason: 'test', updatedAt: 1 });
        await tx.users.setStatusMany(['u-a'], { status: 'disabled', statusReason: 'test', updatedAt: 1 });
        await tx.audit.insert([
          {
            at: 9,
            requestId: 'r-9',
            door: 'cli',
            caller: 'cli',
            target: 'Carol',
            verb: 'set',
            before: 'disabled',
            after: 'enabled',
            outcome: 'ok',
          },
        ]);
      });
      await store.withTransaction(async (tx) => {
        expect(await tx.users.countEnabled('d-1')).toBe(2);
        expect(await tx.users.countEnabledAdmins()).toBe(0);
        const newest = (await tx.audit.list({ requestId: 'r-9' }))[0];
        expect(newest.id).toBeGreaterThan(4);
      });
    } finally {
      await store.close();
    }
    const db = new Database(path, { readonly: true });
    const indexes = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]
    )
      .map((r) => r.name)
      .sort();
    expect(indexes).toEqual(
      [
        'audit_request',
        'audit_target',
        'nonces_expiry',
        'sessions_expiry',
        'sessions_user',
        'users_enabled_admins',
        'users_enabled_by_directory',
        'users_external_id',
        'user_emails_value',
      ].sort(),
    );
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual([
      { version: 1 },
      { version: 2 },
      { version: 3 },
    ]);
    db.close();
  });
});
