import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, request, type IncomingMessage } from 'node:http';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { loadConfig } from '../src/config';
import { bootstrap } from '../src/bootstrap';
import { engineFor, startServer } from '../src/server';
import { SqliteStore } from '../src/store/sqlite/sqliteStore';
import { BIN, DIST_CLI, ensureBuilt } from './kit/built';
import { ServerProcess } from './kit/serverProcess';
import { DEMO } from './kit/demo';
import { send } from './kit/http';
import { copyDemoDatabase, startTestServer, type TestServer } from './kit/server';

const DEMO_TICKET = DEMO.ticket;
const DISABLE_JDOE = `/srv.asmx/ChangeUserStatus?authenticationTicket=${DEMO_TICKET}&UserName=jdoe&StatusCode=0`;
const SUCCESS = '<response success="true" error="" />';
const PASSWORD_LINE = /statusbridge: created administrator 'admin' with password: (\S+)/;

interface LogLine {
  level: number;
  msg: string;
  reqId?: string;
  callerReqId?: string;
  method?: string;
  path?: string;
  status?: number;
}

/** An in-process demo server whose log lines are collected, one string per line. */
async function startLoggedServer() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const dir = mkdtempSync(join(tmpdir(), 'statusbridge-log-'));
  const config = loadConfig({}, { port: 0, host: '127.0.0.1', dbPath: join(dir, 'log.db'), demo: true });
  const running = await startServer(config, { logger: pino({ level: 'info' }, sink) });
  return { running, lines, dir };
}

describe('in process', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('answers /healthz with 200', async () => {
    server = await startTestServer();
    const res = await send(server, '/healthz');
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz with 200 and the store kind, and 503 once the store is closed', async () => {
    server = await startTestServer();
    const ready = await send(server, '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', store: 'sqlite' });

    await server.store.close();
    const gone = await send(server, '/readyz');
    expect(gone.status).toBe(503);
    expect(gone.json()).toEqual({ status: 'unavailable', store: 'sqlite' });
    // Liveness is about the process, not the database: a load balancer must not restart it for this.
    expect((await send(server, '/healthz')).status).toBe(200);
  });

  it('logs one line, marked aborted, for a request whose client hangs up before the answer', async () => {
    const { running, lines, dir } = await startLoggedServer();
    try {
      await new Promise<void>((resolve, reject) => {
        const socket = createConnection(running.port, '127.0.0.1', () => {
          // Half a body: the server waits for the rest, then the client goes away.
          socket.write(
            'POST /srv.asmx HTTP/1.1\r\nHost: x\r\nX-Request-Id: gone-1\r\nContent-Type: text/xml\r\nContent-Length: 100\r\n\r\n<soap',
          );
          setTimeout(() => socket.destroy(), 50);
        });
        socket.on('close', () => resolve());
        socket.on('error', reject);
      });
      for (let i = 0; i < 50 && !lines.some((line) => line.includes('gone-1')); i++) await new Promise((r) => setTimeout(r, 20));
    } finally {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    }
    const requests = lines.map((line) => JSON.parse(line) as LogLine & { aborted?: boolean }).filter((l) => l.callerReqId === 'gone-1');
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ msg: 'request', method: 'POST', path: '/srv.asmx', aborted: true });
  });

  it('logs exactly one JSON line per request, with its request id and without the query string', async () => {
    const { running, lines, dir } = await startLoggedServer();
    try {
      await send(running.url, `/healthz`, { headers: { 'x-request-id': 'probe-1' } });
      await send(running.url, `/nowhere`, { headers: { 'x-request-id': 'probe-2' } });
      await send(running.url, `${DISABLE_JDOE}`, { headers: { 'x-request-id': 'probe-3' } });
      // An id that is not safe to log is replaced by a fresh one.
      await send(running.url, `/healthz`, { headers: { 'x-request-id': 'bad id\twith tab' } });
    } finally {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    }
    const requests = lines.map((line) => JSON.parse(line) as LogLine).filter((l) => l.msg === 'request');
    // The caller's id is a field of its own; ours is unique to each request.
    expect(requests.map((r) => [r.callerReqId, r.method, r.path, r.status])).toEqual([
      ['probe-1', 'GET', '/healthz', 200],
      ['probe-2', 'GET', '/nowhere', 404],
      ['probe-3', 'GET', '/srv.asmx/ChangeUserStatus', 200],
      [undefined, 'GET', '/healthz', 200],
    ]);
    for (const r of requests) expect(r.reqId).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(requests.map((r) => r.reqId)).size).toBe(4);
    // Tickets travel in GET query strings: the log must not keep them.
    expect(lines.join('\n')).not.toContain(DEMO_TICKET);
  });

  it('bootstraps once when two instances find the same database empty at the same moment', async () => {
    // Both look before either writes: the store's queue makes the interleaving certain.
    const store = new SqliteStore({ path: ':memory:', synchronous: 'NORMAL', busyTimeoutMs: 1000 });
    const config = loadConfig({}, { adminPassword: 'Admin-Password-1' });
    const silent = pino({ level: 'silent' });
    try {
      const [a, b] = [engineFor(store, config), engineFor(store, config)];
      const results = await Promise.allSettled([bootstrap(a, config, silent), bootstrap(b, config, silent)]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
      expect((await a.listUsers()).map((u) => u.userName)).toEqual(['admin']);
    } finally {
      await store.close();
    }
  });

  it('hands the engine the Huawei token lifetimes of the config', async () => {
    const store = new SqliteStore({ path: ':memory:', synchronous: 'NORMAL', busyTimeoutMs: 1000 });
    try {
      const config = loadConfig({
        STATUSBRIDGE_HUAWEI_TOKEN_LIFETIME_SECONDS: '600',
        STATUSBRIDGE_HUAWEI_REFRESH_LIFETIME_SECONDS: '7200',
      });
      expect(engineFor(store, config).settings).toMatchObject({ huaweiTokenLifetimeMs: 600_000, huaweiRefreshLifetimeMs: 7_200_000 });
    } finally {
      await store.close();
    }
  });

  it('refuses to start on a port in use before it creates the database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statusbridge-busy-'));
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const config = loadConfig(
        {},
        { port, host: '127.0.0.1', dbPath: join(dir, 'busy.db'), logLevel: 'silent', adminPassword: 'Admin-Password-1' },
      );
      await expect(startServer(config)).rejects.toMatchObject({ code: 'EADDRINUSE' });
      // The port is opened first: nothing exists yet when it turns out to be taken.
      expect(existsSync(join(dir, 'busy.db'))).toBe(false);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const { pathname, search } = new URL(url);
  const res = await send(url, `${pathname}${search}`, { headers });
  return { status: res.status, body: res.text };
}

/** Resolves true when a fresh TCP connection is refused, false when it is accepted. */
function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });
}

function cli(dbPath: string, ...argv: string[]) {
  return spawnSync(process.execPath, [BIN, ...argv], { env: { PATH: process.env.PATH ?? '', STATUSBRIDGE_DB: dbPath }, encoding: 'utf8' });
}

describe('node dist/cli.js serve', () => {
  let dir: string;
  let dbPath: string;
  const started: ServerProcess[] = [];

  beforeAll(() => ensureBuilt());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'statusbridge-serve-'));
    dbPath = join(dir, 'statusbridge.db');
  });
  afterEach(async () => {
    // Only the processes this file started, each by its own handle.
    for (const server of started.splice(0)) {
      if (server.running) {
        server.signal('SIGKILL');
        await server.exited;
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  function serve(args: string[] = [], env: Record<string, string> = {}): Promise<ServerProcess> {
    return ServerProcess.start({ STATUSBRIDGE_DB: dbPath, ...env }, started, args);
  }

  /** Demo mode on a copy of the seeded demo database: for tests about serving, not about seeding. */
  async function serveDemo(env: Record<string, string> = {}): Promise<ServerProcess> {
    await copyDemoDatabase(dbPath);
    return serve(['--demo'], env);
  }

  async function stop(server: ServerProcess): Promise<void> {
    server.signal('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
  }

  it('prints a generated administrator password on the first start only, and it is the real one', async () => {
    const first = await serve();
    await first.waitFor(() => PASSWORD_LINE.test(first.stdout), 'the password line');
    const password = (PASSWORD_LINE.exec(first.stdout) as RegExpExecArray)[1];
    const logon = await get(`${first.url}/srv.asmx/AuthenticateUser?UID=admin&PWD=${encodeURIComponent(password)}`);
    expect(logon.body).toContain('success="true"');
    await stop(first);
    // The password appears once, outside the log records.
    expect(first.stdout.split(password)).toHaveLength(2);
    expect(first.logLines().some((line) => JSON.stringify(line).includes(password))).toBe(false);

    const second = await serve();
    expect((await get(`${second.url}/healthz`)).status).toBe(200);
    await stop(second);
    expect(second.stdout).not.toMatch(PASSWORD_LINE);
    expect(second.stdout).not.toContain(password);
  });

  it.each([
    ['STATUSBRIDGE_DEMO=1', [], { STATUSBRIDGE_DEMO: '1' }],
    ['serve --demo', ['--demo'], {}],
  ])('demo mode via %s warns loudly and serves the demo identities', async (_how, args, env) => {
    const server = await serve(args, env);
    expect(server.stderr).toMatch(/WARNING: demo mode/);
    const logon = await get(`${server.url}/srv.asmx/AuthenticateUser?UID=jdoe&PWD=${DEMO.jdoe.password}`);
    expect(logon.body).toMatch(/<root success="true" ticket="[0-9a-f-]{36}"/);
    expect((await get(`${server.url}${DISABLE_JDOE}`)).body).toContain(SUCCESS);
    await stop(server);
    expect(server.logLines()).toContainEqual(expect.objectContaining({ level: 40, msg: expect.stringMatching(/^DEMO MODE/) }));
    // Demo data, not a generated administrator.
    expect(server.stdout).not.toMatch(PASSWORD_LINE);
  });

  it('logs one JSON line per request with its request id', async () => {
    const server = await serveDemo();
    await get(`${server.url}/healthz`, { 'x-request-id': 'child-1' });
    await get(`${server.url}/readyz`, { 'x-request-id': 'child-2' });
    await get(`${server.url}${DISABLE_JDOE}`, { 'x-request-id': 'child-3' });
    await get(`${server.url}/healthz`);
    await stop(server);
    const requests = server.logLines<LogLine>().filter((line) => line.msg === 'request');
    expect(requests.map((r) => r.callerReqId)).toEqual(['child-1', 'child-2', 'child-3', undefined]);
    for (const r of requests) expect(r.reqId).toMatch(/^[0-9a-f]{32}$/);
    expect(server.stdout).not.toContain(DEMO_TICKET);
  });

  it('on SIGTERM finishes the request in flight, refuses new connections, exits 0 and closes the database', async () => {
    const server = await serveDemo();
    const agent = new Agent({ keepAlive: true });
    const body = `authenticationTicket=${DEMO_TICKET}&UserName=jdoe&StatusCode=0`;
    let answered = '';
    const req = request(`${server.url}/srv.asmx/ChangeUserStatus`, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' },
    });
    const response = new Promise<IncomingMessage>((resolve, reject) => {
      req.once('response', resolve);
      req.once('error', reject);
    });
    // Half the body now; the rest only after the server has been told to stop.
    await new Promise<void>((resolve, reject) => req.write(body.slice(0, 30), (err) => (err ? reject(err) : resolve())));
    // Give the server a moment to accept the connection and start reading, as a slow client would.
    await new Promise((resolve) => setTimeout(resolve, 300));

    server.signal('SIGTERM');
    await server.waitFor(() => server.stdout.includes('"shutting down"'), 'the shutdown log line');
    // Polling, not timing: the listening socket closes as the signal is handled.
    while (!(await connectionRefused(server.port))) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.running).toBe(true);

    req.end(body.slice(30));
    const res = await response;
    res.setEncoding('utf8');
    for await (const chunk of res) answered += chunk as string;
    expect(res.statusCode).toBe(200);
    // A reply in flight when the drain began tells its client not to reuse the connection.
    expect(res.headers.connection).toBe('close');
    expect(answered).toContain(SUCCESS);
    agent.destroy();

    expect(await server.exited).toEqual({ code: 0, signal: null });
    // A clean close checkpoints the write-ahead log and removes it; a crash leaves it behind.
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
    const shown = cli(dbPath, 'user', 'show', 'jdoe', '--json');
    expect(JSON.parse(shown.stdout)).toMatchObject({ userName: 'jdoe', status: 'disabled' });
  });

  it('closes a request still unfinished after the grace period, then exits 0', async () => {
    const server = await serveDemo({ STATUSBRIDGE_SHUTDOWN_GRACE_MS: '200' });
    const req = request(`${server.url}/srv.asmx/ChangeUserStatus`, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' },
    });
    const outcome = new Promise<string>((resolve) => {
      req.once('response', (res) => resolve(`answered ${res.statusCode ?? ''}`));
      req.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    });
    await new Promise<void>((resolve, reject) => req.write('authenticationTicket=', (err) => (err ? reject(err) : resolve())));
    await new Promise((resolve) => setTimeout(resolve, 300));

    // The client never sends the rest: only the grace period can end this connection.
    server.signal('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(await outcome).toBe('ECONNRESET');
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
  });

  it('exits non-zero with a message when its port is taken', async () => {
    const first = await serveDemo();
    const second = spawnSync(process.execPath, [DIST_CLI, 'serve'], {
      env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(first.port), STATUSBRIDGE_DB: join(dir, 'second.db') },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/EADDRINUSE/);
    // Failed before anything was created: no administrator, no password shown, no database file.
    expect(second.stdout).not.toMatch(PASSWORD_LINE);
    expect(existsSync(join(dir, 'second.db'))).toBe(false);
    await stop(first);
  });

  it('refuses --demo on a database demo mode did not create, saying how to proceed, and changes nothing', async () => {
    const plain = await serve([], { STATUSBRIDGE_ADMIN_PASSWORD: 'Admin-Password-1' });
    await stop(plain);
    const demo = spawnSync(process.execPath, [DIST_CLI, 'serve', '--demo'], {
      env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(plain.port), STATUSBRIDGE_DB: dbPath },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(demo.status).toBe(1);
    expect(demo.stderr).toMatch(/--demo: .* already holds data that demo mode did not load/);
    expect(demo.stderr).toMatch(/fresh database .*STATUSBRIDGE_DB=/);
    const users = JSON.parse(cli(dbPath, 'user', 'list', '--json').stdout) as { userName: string }[];
    expect(users.map((u) => u.userName)).toEqual(['admin']);
  });

  it('starts several instances at once on one empty database: one bootstraps, all serve', async () => {
    // N identical processes behind a load balancer start together; none may die of the race.
    const servers = await Promise.all([0, 1, 2, 3].map(() => serve([], { STATUSBRIDGE_ADMIN_PASSWORD: 'Admin-Password-1' })));
    for (const server of servers) expect((await get(`${server.url}/readyz`)).status).toBe(200);
    for (const server of servers) await stop(server);
    const users = JSON.parse(cli(dbPath, 'user', 'list', '--json').stdout) as { userName: string }[];
    expect(users.map((u) => u.userName)).toEqual(['admin']);
  });

  it('keeps an acknowledged change across kill -9', async () => {
    const server = await serveDemo();
    const reply = await get(`${server.url}${DISABLE_JDOE}`, { 'x-request-id': 'durable-1' });
    expect(reply).toEqual({ status: 200, body: expect.stringContaining(SUCCESS) });

    server.signal('SIGKILL');
    expect(await server.exited).toEqual({ code: null, signal: 'SIGKILL' });

    const shown = cli(dbPath, 'user', 'show', 'jdoe', '--json');
    expect(shown.status).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ userName: 'jdoe', status: 'disabled', statusReason: 'asmx:ChangeUserStatus' });
    const audit = cli(dbPath, 'audit', '--user', 'jdoe', '--json');
    expect(audit.status).toBe(0);
    expect(JSON.parse(audit.stdout)).toEqual([
      expect.objectContaining({
        // Our id for the request: the caller's 'durable-1' is only logged beside it.
        requestId: expect.stringMatching(/^[0-9a-f]{32}$/),
        // The GET binding names itself asmx-get in the audit.
        door: expect.stringMatching(/^asmx/),
        caller: 'admin',
        target: 'jdoe',
        before: 'enabled',
        after: 'disabled',
        outcome: 'ok',
      }),
    ]);
  });
});
