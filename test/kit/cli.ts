import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli';

export interface CliRun {
  code: number;
  out: string[];
  err: string[];
}

/** One command line run in this process, its output collected instead of printed. */
export async function cli(...argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

/**
 * Gives the suite's command lines a SQLite file of their own, as an operator's shell would, for
 * the suite's duration: the environment is set before the suite and restored after it. A
 * DATABASE_URL (CI sets one) would send the CLI to PostgreSQL instead, so it is unset meanwhile.
 * Returns the file's path, known once the suite has started.
 */
export function cliDatabaseForSuite(): { path(): string } {
  let dir = '';
  const saved: Record<string, string | undefined> = {};
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'statusbridge-cli-'));
    const env: Record<string, string | undefined> = {
      STATUSBRIDGE_DB: join(dir, 'cli.db'),
      STATUSBRIDGE_ADMIN_PASSWORD: 'Cli-Admin-2026',
      STATUSBRIDGE_LOG_LEVEL: 'silent',
      DATABASE_URL: undefined,
    };
    for (const [name, value] of Object.entries(env)) {
      saved[name] = process.env[name];
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
  afterAll(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(dir, { recursive: true, force: true });
  });
  return { path: () => join(dir, 'cli.db') };
}
