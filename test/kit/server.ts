import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config';
import type { Clock, DoorEngine, UserStatus } from '../../src/engine';
import { startServer, type RunningServer } from '../../src/server';
import { TEMPLATE_DIR_VARIABLE } from './templateDir';

/**
 * Sets a status behind the doors' backs, as the operator's command line would (a system caller,
 * audited under door 'test'), to put a user where a test starts from.
 */
export async function setStatus(
  server: { engine: DoorEngine },
  userName: string,
  status: UserStatus,
  requestId = `setup-${randomUUID()}`,
): Promise<void> {
  await server.engine.changeStatus({
    requestId,
    door: 'test',
    credential: { kind: 'system', label: 'test' },
    verb: 'setup',
    target: { by: 'userName', value: userName },
    status,
    reason: 'test:setup',
  });
}

export interface TestServer extends RunningServer {
  config: Readonly<Config>;
  dir: string;
  stop(): Promise<void>;
}

/**
 * When the demo template was seeded. Before any test's clock, so the demo's sessions are the
 * oldest a test sees, as they are when a server seeds under the test's own clock.
 */
const SEEDED_AT = Date.UTC(2026, 0, 1);

let template: Promise<string> | undefined;

/**
 * A SQLite database as demo mode leaves it, seeded by the server's own start-up once per jest run
 * (loading the demo costs three password hashes, which every start would otherwise pay). The
 * first test file to need it seeds it into the run's folder; the others copy what is there.
 */
function demoTemplate(): Promise<string> {
  template ??= (async () => {
    const shared = process.env[TEMPLATE_DIR_VARIABLE];
    const dir = shared ?? mkdtempSync(join(tmpdir(), 'statusbridge-demo-'));
    const path = join(dir, 'demo.db');
    if (existsSync(path)) return path;
    // Seeded under a name of its own and renamed into place, so a file that exists is complete.
    const seedPath = join(dir, `seeding-${process.pid}-${randomUUID()}.db`);
    const config = loadConfig({}, { port: 0, host: '127.0.0.1', dbPath: seedPath, demo: true, logLevel: 'silent' });
    const seeding = await startServer(config, { clock: () => SEEDED_AT });
    await seeding.close();
    // A closed connection checkpoints its write-ahead log: the one file is the whole database.
    if (existsSync(`${seedPath}-wal`)) throw new Error('the demo template kept a write-ahead log after close');
    renameSync(seedPath, path);
    return path;
  })();
  return template;
}

/** Writes a demo database, as demo mode would seed it, to this path. */
export async function copyDemoDatabase(path: string): Promise<void> {
  copyFileSync(await demoTemplate(), path);
}

/**
 * A listening server on a fresh SQLite database in a temporary folder: a copy of the seeded demo
 * database unless demo: false (an empty one) or the overrides name a database of their own
 * (dbPath, databaseUrl), which the server then seeds itself.
 */
export async function startTestServer(overrides: Partial<Config> = {}, options: { clock?: Clock } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'statusbridge-test-'));
  const dbPath = join(dir, 'test.db');
  const config = loadConfig({}, { port: 0, host: '127.0.0.1', dbPath, demo: true, logLevel: 'silent', ...overrides });
  if (config.demo && !config.databaseUrl && config.dbPath === dbPath) await copyDemoDatabase(dbPath);
  const server = await startServer(config, options);
  return {
    ...server,
    config,
    dir,
    async stop() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
