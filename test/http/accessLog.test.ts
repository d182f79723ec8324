import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { loadConfig, type Config } from '../../src/config';
import { startServer } from '../../src/server';
import { DEMO } from '../kit/demo';
import { send } from '../kit/http';
import { copyDemoDatabase } from '../kit/server';
import { signedV1Query } from '../aliyun/signV1';

interface Line {
  msg: string;
  reqId: string;
  callerReqId?: string;
  door?: string;
  outcome?: string;
  caller?: string;
  client?: string;
  proto?: string;
  ua?: string;
  status?: number;
}

/** A demo server whose log lines are collected. */
async function loggedServer(overrides: Partial<Config> = {}) {
  const lines: Line[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Line);
      done();
    },
  });
  const dir = mkdtempSync(join(tmpdir(), 'statusbridge-access-'));
  const dbPath = join(dir, 'access.db');
  await copyDemoDatabase(dbPath);
  const config = loadConfig({}, { port: 0, host: '127.0.0.1', dbPath, demo: true, ...overrides });
  const running = await startServer(config, { logger: pino({ level: 'info' }, sink) });
  return {
    running,
    requests: () => lines.filter((l) => l.msg === 'request'),
    lines,
    async stop() {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const DISABLE = (ticket: string) => `/srv.asmx/ChangeUserStatus?authenticationTicket=${ticket}&UserName=jdoe&StatusCode=0`;
const FORWARDED = { 'x-forwarded-for': '203.0.113.7, 10.0.0.2', 'x-forwarded-proto': 'https', 'user-agent': 'probe/1.0' };

describe('the access log', () => {
  let server: Awaited<ReturnType<typeof loggedServer>> | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('names the door, the outcome of an in-band asmx refusal, the client and the user agent', async () => {
    server = await loggedServer();
    expect((await send(server.running, DISABLE('not-a-ticket'), { headers: { 'user-agent': 'probe/1.0' } })).status).toBe(200);
    expect((await send(server.running, DISABLE(DEMO.ticket))).status).toBe(200);
    await server.running.close();
    const [refused, changed] = server.requests();
    expect(refused).toMatchObject({ door: 'asmx-get', status: 200, outcome: 'SESSION_INVALID', client: '127.0.0.1', ua: 'probe/1.0' });
    expect(changed).toMatchObject({ door: 'asmx-get', status: 200, outcome: 'changed' });
  });

  it('names the access key that signed an Alibaba request as the caller', async () => {
    server = await loggedServer();
    const freeze = {
      Action: 'SetResellerUserStatus',
      Version: '2017-12-14',
      OwnerId: DEMO.jdoe.ownerId as string,
      Status: 'Freeze',
      BusinessType: 'FREEZE',
    };
    await send(server.running, `/?${signedV1Query(freeze)}`);
    await server.running.close();
    const [line] = server.requests();
    expect(line).toMatchObject({ door: expect.stringMatching(/^aliyun/), outcome: 'changed', caller: DEMO.accessKey.accessKeyId });
  });

  it('ignores X-Forwarded-* when no proxy is trusted, even from loopback', async () => {
    server = await loggedServer();
    await send(server.running, '/healthz', { headers: FORWARDED });
    await server.running.close();
    expect(server.requests()[0]).toMatchObject({ client: '127.0.0.1', proto: 'http' });
  });

  it('believes X-Forwarded-For and -Proto from a trusted proxy, skipping trusted hops', async () => {
    server = await loggedServer({ trustProxy: '127.0.0.1, 10.0.0.2' });
    await send(server.running, '/healthz', { headers: FORWARDED });
    await send(server.running, '/healthz');
    await server.running.close();
    const [forwarded, direct] = server.requests();
    expect(forwarded).toMatchObject({ client: '203.0.113.7', proto: 'https' });
    expect(direct).toMatchObject({ client: '127.0.0.1', proto: 'http' });
  });

  it('does not believe a proxy that is not the trusted one', async () => {
    server = await loggedServer({ trustProxy: '10.0.0.2' });
    await send(server.running, '/healthz', { headers: FORWARDED });
    await server.running.close();
    expect(server.requests()[0]).toMatchObject({ client: '127.0.0.1', proto: 'http' });
  });

  it('gives each request an id of its own, even when callers repeat an X-Request-Id, and audits under ours', async () => {
    server = await loggedServer();
    const enable = DISABLE(DEMO.ticket).replace('StatusCode=0', 'StatusCode=1');
    await send(server.running, DISABLE(DEMO.ticket), { headers: { 'x-request-id': 'same-id' } });
    await send(server.running, enable, { headers: { 'x-request-id': 'same-id' } });
    const [first, second] = server.requests();
    expect(first.callerReqId).toBe('same-id');
    expect(second.callerReqId).toBe('same-id');
    expect(first.reqId).not.toBe(second.reqId);
    expect(await server.running.engine.listAudit({ requestId: 'same-id' })).toEqual([]);
    for (const line of [first, second]) {
      const rows = await server.running.engine.listAudit({ requestId: line.reqId });
      expect(rows).toHaveLength(1);
    }
  });

  it('logs a database failure once, with its cause, and its recovery once', async () => {
    server = await loggedServer();
    const { storeHealth } = await import('../../src/observe/storeHealth');
    const logged: Line[] = [];
    const logger = pino(
      { level: 'info' },
      new Writable({ write: (c: Buffer, _e, done) => (logged.push(JSON.parse(c.toString()) as Line), done()) }),
    );
    const health = storeHealth(logger, null);
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    health.unavailable?.(cause);
    health.unavailable?.(cause);
    health.available?.();
    health.available?.();
    health.committed?.(1, 0.001);
    expect(logged.map((l) => l.msg)).toEqual(['database unavailable', 'database recovered']);
    expect(logged[0]).toMatchObject({ cause: { message: 'connect ECONNREFUSED 127.0.0.1:5432', code: 'ECONNREFUSED' } });
  });
});
