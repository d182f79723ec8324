import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sendRaw } from '../kit/http';
import { startTestServer, type TestServer } from '../kit/server';
import { DEMO_TOKEN, JSON_TYPE, setStatus, statusOf } from './helpers';

const run = promisify(execFile);

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
    const request = {
      method: 'PUT',
      target: '/v1/usg/dcs/corp/member/status/0?accountType=0',
      headers: [
        ['Connection', 'keep-alive'],
        ['X-Access-Token', DEMO_TOKEN],
        ['Content-Type', 'application/json'],
        ['Content-Length', '11'],
        ['Host', 'api.meeting.huaweicloud.com '],
        ['User-Agent', 'Apache-HttpClient/4.5.3 (Java/1.8.0_191)'],
      ] as [string, string][],
      body: '["test010"]',
    };
    const reply = await sendRaw(server, request, { asIs: true });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe(JSON_TYPE);
    expect(reply.headers.get('content-length')).toBe('0');
    expect(reply.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    expect(reply.text).toBe('');
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
