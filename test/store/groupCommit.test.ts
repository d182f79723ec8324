import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { AuditEntry } from '../../src/engine';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore';
import { ensureBuilt, ROOT } from '../kit/built';
import { T0 } from './fixtures';

const dir = mkdtempSync(join(tmpdir(), 'statusbridge-group-commit-'));
let n = 0;
const open = (): SqliteStore => new SqliteStore({ path: join(dir, `group-${++n}.db`), synchronous: 'NORMAL', busyTimeoutMs: 5000 });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const entry = (requestId: string): AuditEntry => ({
  at: T0,
  requestId,
  door: 'test',
  caller: 'test',
  target: 'nobody',
  verb: 'Test',
  before: null,
  after: null,
  outcome: 'ok',
});

const requestIds = async (store: SqliteStore): Promise<string[]> =>
  (await store.withTransaction((tx) => tx.audit.list({}))).map((row) => row.requestId);

describe('SQLite group commit', () => {
  it('runs transactions that arrive together in order, and one that fails rolls back alone', async () => {
    const store = open();
    try {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          store.withTransaction(async (tx) => {
            await tx.audit.insert([entry(`r-${i}`)]);
            // A failure after a write: the write must vanish with it, and only it.
            if (i % 7 === 3) throw new Error(`refused ${i}`);
            return i;
          }),
        ),
      );
      expect(outcomes.map((o) => o.status)).toEqual(Array.from({ length: 20 }, (_, i) => (i % 7 === 3 ? 'rejected' : 'fulfilled')));
      expect(await requestIds(store)).toEqual(Array.from({ length: 20 }, (_, i) => `r-${i}`).filter((_, i) => i % 7 !== 3));
    } finally {
      await store.close();
    }
  });

  it('lets a later transaction of the group see what an earlier one wrote, as serial execution would', async () => {
    const store = open();
    try {
      const [, seen] = await Promise.all([
        store.withTransaction((tx) => tx.audit.insert([entry('first')])),
        store.withTransaction(async (tx) => (await tx.audit.list({ requestId: 'first' })).length),
      ]);
      expect(seen).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('rolls back a statement that fails inside the database (a duplicate key) without the rest of its group', async () => {
    const store = open();
    try {
      await store.withTransaction((tx) => tx.directories.insert({ id: 'd-000000000001', name: 'one', seatLimit: null, createdAt: T0 }));
      const outcomes = await Promise.allSettled([
        store.withTransaction((tx) => tx.audit.insert([entry('before')])),
        store.withTransaction(async (tx) => {
          await tx.audit.insert([entry('doomed')]);
          await tx.directories.insert({ id: 'd-000000000001', name: 'again', seatLimit: null, createdAt: T0 });
        }),
        store.withTransaction((tx) => tx.audit.insert([entry('after')])),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(await requestIds(store)).toEqual(['before', 'after']);
    } finally {
      await store.close();
    }
  });

  it('acknowledges a transaction only once it is committed: every acknowledged row survives kill -9', async () => {
    ensureBuilt();
    const path = join(dir, 'killed.db');
    // Writes in waves of 50 concurrent transactions and prints each id once its promise resolves.
    const script = `
      const { SqliteStore } = require(${JSON.stringify(join(ROOT, 'dist', 'store', 'sqlite', 'sqliteStore.js'))});
      const store = new SqliteStore({ path: ${JSON.stringify(path)}, synchronous: 'NORMAL', busyTimeoutMs: 5000 });
      const entry = (id) => ({ at: 1, requestId: id, door: 't', caller: 't', target: 't', verb: 't', before: null, after: null, outcome: 'ok' });
      (async () => {
        for (let wave = 0; ; wave++) {
          await Promise.all(Array.from({ length: 50 }, (_, i) =>
            store.withTransaction((tx) => tx.audit.insert([entry(wave + '-' + i)])).then(() => process.stdout.write(wave + '-' + i + '\\n'))));
        }
      })();`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const acknowledged: string[] = [];
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        acknowledged.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        if (acknowledged.length >= 2000 && child.signalCode === null) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((resolve) => child.once('exit', resolve));
    const db = new Database(path, { readonly: true });
    try {
      const stored = new Set((db.prepare('SELECT request_id FROM audit').all() as { request_id: string }[]).map((r) => r.request_id));
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    } finally {
      db.close();
    }
  });
});
