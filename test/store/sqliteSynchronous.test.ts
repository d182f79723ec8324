import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { loadConfig } from '../../src/config';
import { createStore } from '../../src/store/createStore';

/**
 * SQLite commits with synchronous=FULL unless told otherwise, so a power loss or kernel crash
 * loses no acknowledged change; NORMAL (survives a process crash, not a power loss) is a setting.
 */
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'statusbridge-sync-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** PRAGMA synchronous of the store's own connection: 1 NORMAL, 2 FULL. */
async function synchronousOf(env: NodeJS.ProcessEnv, name: string): Promise<number> {
  const store = await createStore(loadConfig(env, { dbPath: join(dir, name) }));
  try {
    const db = (store as unknown as { db: Database.Database }).db;
    return db.pragma('synchronous', { simple: true }) as number;
  } finally {
    await store.close();
  }
}

test('the default is FULL', async () => {
  expect(loadConfig({}).sqliteSynchronous).toBe('FULL');
  expect(await synchronousOf({}, 'default.db')).toBe(2);
});

test('NORMAL stays available as a setting', async () => {
  expect(await synchronousOf({ STATUSBRIDGE_SQLITE_SYNCHRONOUS: 'NORMAL' }, 'normal.db')).toBe(1);
});
