import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer } from 'node:net';
import { DIST_CLI } from './built';

/** A port nobody listens on right now: a server process must be told a real one, not 0. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** How long a child may take to print its listening line: migrations and the demo load included. */
const START_TIMEOUT_MS = 30_000;

/** `node dist/cli.js serve` as an operator starts it, on a port of its own; the environment names its database. */
export class ServerProcess {
  stdout = '';
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcessWithoutNullStreams;

  private constructor(
    readonly port: number,
    env: Record<string, string>,
    args: string[],
  ) {
    this.child = spawn(process.execPath, [DIST_CLI, 'serve', ...args], {
      env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), ...env },
    });
    this.child.stdout.on('data', (chunk: Buffer) => (this.stdout += chunk.toString('utf8')));
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  /**
   * Spawns the process and resolves once it listens. The returned handle is pushed to `started`
   * before waiting, so the caller's cleanup can kill it even when the start fails or times out.
   */
  static async start(env: Record<string, string>, started: ServerProcess[], args: string[] = []): Promise<ServerProcess> {
    const server = new ServerProcess(await freePort(), env, args);
    started.push(server);
    await server.waitFor(() => server.stderr.includes('statusbridge listening on'), 'the listening line');
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves when the condition holds; fails when the process dies first or the time is up. */
  waitFor(condition: () => boolean, what: string, timeoutMs = START_TIMEOUT_MS): Promise<void> {
    return new Promise((resolve, reject) => {
      const fail = (why: string): void => {
        cleanup();
        reject(new Error(`server ${why} before ${what}\nstdout:\n${this.stdout}\nstderr:\n${this.stderr}`));
      };
      const timer = setTimeout(() => fail(`took over ${timeoutMs} ms`), timeoutMs);
      const check = (): void => {
        if (condition()) {
          cleanup();
          resolve();
        } else if (!this.running) {
          fail('exited');
        }
      };
      const cleanup = (): void => {
        clearTimeout(timer);
        this.child.stdout.off('data', check);
        this.child.stderr.off('data', check);
        this.child.off('exit', check);
      };
      this.child.stdout.on('data', check);
      this.child.stderr.on('data', check);
      this.child.on('exit', check);
      check();
    });
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Every stdout line that is a log record (the one-time password line is not). */
  logLines<T = Record<string, unknown>>(): T[] {
    return this.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as T);
  }

  /** Ends this one process by its own handle (its pid); SIGKILL when SIGTERM is not enough in time. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), graceMs)));
    const outcome = await Promise.race([this.exited, late]);
    clearTimeout(timer);
    if (outcome === 'late') {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }
}
