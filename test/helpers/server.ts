import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config';
import type { Clock } from '../../src/engine';
import { startServer, type RunningServer } from '../../src/server';

export interface TestServer extends RunningServer {
  config: Readonly<Config>;
  dir: string;
  stop(): Promise<void>;
}

/** A listening server on a fresh SQLite database in a temporary folder (demo data unless demo: false). */
export async function startTestServer(overrides: Partial<Config> = {}, options: { clock?: Clock } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'statusbridge-test-'));
  const config = loadConfig({}, { port: 0, host: '127.0.0.1', dbPath: join(dir, 'test.db'), demo: true, logLevel: 'silent', ...overrides });
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
