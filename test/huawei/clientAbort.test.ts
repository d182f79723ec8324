import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { loadConfig } from '../../src/config';
import { startServer, type RunningServer } from '../../src/server';
import { copyDemoDatabase } from '../kit/server';

/**
 * Finding 9: a client that hangs up in the middle of its body is normal traffic, not a server
 * fault: the Huawei and Alibaba doors log it at debug, never as an error with a stack.
 */
let running: RunningServer;
let dir: string;
const lines: { level: number; msg?: string; err?: unknown }[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'statusbridge-abort-'));
  const dbPath = join(dir, 'abort.db');
  await copyDemoDatabase(dbPath);
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as (typeof lines)[number]);
      done();
    },
  });
  const config = loadConfig({}, { port: 0, host: '127.0.0.1', dbPath, demo: true });
  running = await startServer(config, { logger: pino({ level: 'debug' }, sink) });
});

afterAll(async () => {
  await running.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Sends the head and a tenth of the declared body, then hangs up; resolves once the server saw the close. */
function hangUpMidBody(method: string, target: string, headers: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(running.port, '127.0.0.1', () => {
      const head = [`${method} ${target} HTTP/1.1`, `Host: 127.0.0.1:${running.port}`, 'Content-Length: 1000', ...headers, '', ''];
      socket.write(head.join('\r\n'));
      socket.write('x'.repeat(100), () => setTimeout(() => socket.destroy(), 50));
    });
    socket.on('error', reject);
    socket.on('close', () => setTimeout(resolve, 200));
  });
}

test.each([
  ['huawei batch', 'PUT', '/v1/usg/dcs/corp/member/status/1', ['Content-Type: application/json', 'X-Access-Token: t']],
  ['huawei account logon', 'POST', '/v1/usg/acs/auth/account', ['Content-Type: application/json', 'Authorization: Basic YTpi']],
  ['alibaba RPC', 'POST', '/', ['Content-Type: application/x-www-form-urlencoded']],
])('%s: a hang-up mid-body logs no warning or error', async (_name, method, target, headers) => {
  const before = lines.length;
  for (let i = 0; i < 5; i++) await hangUpMidBody(method, target, headers);
  const loud = lines.slice(before).filter((line) => line.level >= 40);
  expect(loud).toEqual([]);
});
