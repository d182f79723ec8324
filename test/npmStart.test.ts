import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, ensureBuilt } from './kit/built';
import { freePort } from './kit/serverProcess';

/** True when this process can listen on the port itself: nothing holds it any more. */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm start', () => {
  let dir: string;
  beforeAll(() => ensureBuilt());
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'statusbridge-npm-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'passes %s to the server, which drains and exits 0, leaving no process and a free port',
    async (signal) => {
      const port = await freePort();
      const npm = spawn('npm', ['start', '--silent'], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? dir,
          HOST: '127.0.0.1',
          PORT: String(port),
          STATUSBRIDGE_DB: join(dir, 'npm.db'),
          STATUSBRIDGE_ADMIN_PASSWORD: 'Admin-Password-1',
        },
      });
      let stdout = '';
      let stderr = '';
      npm.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      npm.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
      try {
        const deadline = Date.now() + 60_000;
        while (!stderr.includes('statusbridge listening on') && Date.now() < deadline && npm.exitCode === null) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(stderr).toContain('statusbridge listening on');
        const listening = stdout.split('\n').find((line) => line.includes('"statusbridge listening"'));
        const serverPid = (JSON.parse(listening ?? '{}') as { pid?: number }).pid as number;
        expect(serverPid).toEqual(expect.any(Number));

        npm.kill(signal);
        expect(await exited).toBe(0);
        expect(alive(serverPid)).toBe(false);
        expect(await portFree(port)).toBe(true);
        expect(stdout).toContain('"shutting down"');
      } finally {
        if (npm.exitCode === null) npm.kill('SIGKILL');
      }
    },
    90_000,
  );
});
