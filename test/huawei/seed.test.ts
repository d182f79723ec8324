import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { promisify } from 'node:util';
import { startTestServer, type TestServer } from '../kit/server';
import { DEMO_TOKEN, JSON_TYPE, setStatus, statusOf } from './helpers';

const run = promisify(execFile);

/**
 * Sends bytes as they are and returns the raw reply, so nothing is added or normalised on the
 * way. The request asks for keep-alive, so the reply is complete when its Content-Length is in.
 */
function rawRequest(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let received = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const text = received.toString('utf8');
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(headerOf(text, 'Content-Length') ?? 0);
      if (received.length >= Buffer.byteLength(text.slice(0, end + 4)) + length) {
        socket.destroy();
        resolve(text);
      }
    });
    socket.on('error', reject);
  });
}

function headerOf(reply: string, name: string): string | undefined {
  const head = reply.split('\r\n\r\n')[0];
  const line = head.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

describe('huawei door: the seed document (Modifying the User Status in Batches)', () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startTestServer();
    await setStatus(server, 'test010', 'disabled');
  });
  afterEach(() => server.stop());

  it('answers the example request verbatim: test010 enabled, 200, no body', async () => {
    // The seed's request, with the HTTP version its request line leaves out and CRLF line ends.
    const request = [
      'PUT /v1/usg/dcs/corp/member/status/0?accountType=0 HTTP/1.1',
      'Connection: keep-alive',
      `X-Access-Token: ${DEMO_TOKEN}`,
      'Content-Type: application/json',
      'Content-Length: 11',
      'Host: api.meeting.huaweicloud.com ',
      'User-Agent: Apache-HttpClient/4.5.3 (Java/1.8.0_191)',
      '',
      '["test010"]',
    ].join('\r\n');
    const reply = await rawRequest(server.port, request);
    expect(reply.startsWith('HTTP/1.1 200 ')).toBe(true);
    expect(headerOf(reply, 'Content-Type')).toBe(JSON_TYPE);
    expect(headerOf(reply, 'Content-Length')).toBe('0');
    expect(headerOf(reply, 'X-Request-Id')).toMatch(/^[0-9a-f]{32}$/);
    expect(reply.split('\r\n\r\n')[1]).toBe('');
    expect(await statusOf(server, 'test010')).toBe('enabled');
  });

  it('answers the seed curl command (https replaced by http)', async () => {
    const url = `http://127.0.0.1:${server.port}/v1/usg/dcs/corp/member/status/0?accountType=0`;
    const args = [
      '-k',
      '-i',
      '-H',
      'content-type: application/json',
      '-X',
      'PUT',
      '-H',
      `X-Access-Token: ${DEMO_TOKEN}`,
      '-d',
      '["test010"]',
      url,
    ];
    const { stdout } = await run('curl', args);
    const [head, body] = stdout.split('\r\n\r\n');
    expect(head.split('\r\n')[0]).toMatch(/^HTTP\/1\.1 200/);
    expect(headerOf(stdout, 'Content-Type')).toBe(JSON_TYPE);
    expect(headerOf(stdout, 'X-Request-Id')).toMatch(/^[0-9a-f]{32}$/);
    expect(body).toBe('');
    expect(await statusOf(server, 'test010')).toBe('enabled');
    const audit = await server.engine.listAudit({ requestId: headerOf(stdout, 'X-Request-Id') });
    expect(audit).toEqual([
      expect.objectContaining({ door: 'huawei', target: 'test010', before: 'disabled', after: 'enabled', outcome: 'ok' }),
    ]);
  });
});
