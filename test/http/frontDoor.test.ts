import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Request, Response } from 'express';
import { loadConfig } from '../../src/config';
import type { RequestStep } from '../../src/http/routes';
import { startServer, type RunningServer } from '../../src/server';
import { DEMO } from '../kit/demo';

const TICKET = DEMO.ticket;
const HUAWEI_TOKEN = DEMO.huaweiToken;
const SUCCESS = '<response success="true" error="" />';

interface Seen {
  method: string;
  url: string;
  requestId: unknown;
  status?: number;
}

/** A step as a later issue's metrics would add one: it sees the request, and its answer when sent. */
function recordingStep(seen: Seen[]): RequestStep {
  return (req: Request, res: Response) => {
    const entry: Seen = { method: req.method, url: req.url, requestId: res.locals.callerRequestId };
    seen.push(entry);
    res.on('finish', () => {
      entry.status = res.statusCode;
    });
  };
}

/** A throttle's shape: it answers some requests itself, and nothing behind it runs for them. */
const throttle: RequestStep = (req, res) => {
  if (req.headers['x-test-throttle'] === undefined) return;
  res.status(429).type('text/plain').send('Too Many Requests');
  return 'answered';
};

const failing: RequestStep = (req) => {
  if (req.headers['x-test-fail'] !== undefined) throw new Error('a step failed');
};

describe('the front door', () => {
  const seen: Seen[] = [];
  let server: RunningServer;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'statusbridge-front-'));
    const config = loadConfig({}, { port: 0, host: '127.0.0.1', dbPath: join(dir, 'front.db'), demo: true, logLevel: 'silent' });
    server = await startServer(config, { steps: [recordingStep(seen), throttle, failing] });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    seen.length = 0;
  });

  async function send(method: string, path: string, headers: Record<string, string> = {}, body?: string) {
    const res = await fetch(`${server.url}${path}`, { method, headers, body });
    return { status: res.status, headers: res.headers, text: await res.text() };
  }

  it('runs a step added where the server is built for fast and Express-routed requests alike', async () => {
    const change = (spelling: string, code: number) =>
      `/${spelling}/ChangeUserStatus?authenticationTicket=${TICKET}&UserName=jdoe&StatusCode=${code}`;
    const asmxFast = await send('GET', change('srv.asmx', 0), { 'x-request-id': 'fast-1' });
    const asmxExpress = await send('GET', change('SRV.asmx', 1), { 'x-request-id': 'express-1' });
    const aliyun = await send('POST', '/', { 'content-type': 'application/x-www-form-urlencoded' }, 'Action=SetResellerUserStatus');
    const huawei = await send(
      'PUT',
      '/v1/usg/dcs/corp/member/status/1',
      { 'content-type': 'application/json', 'x-access-token': HUAWEI_TOKEN },
      JSON.stringify(['nobody-here']),
    );
    const health = await send('GET', '/healthz');
    const missing = await send('GET', '/no/such/path');

    expect(asmxFast.text).toContain(SUCCESS);
    expect(asmxExpress.text).toContain(SUCCESS);
    expect(aliyun.status).toBe(400);
    expect(huawei.headers.get('x-request-id')).toBeTruthy();
    expect(health.status).toBe(200);
    expect(missing.status).toBe(404);
    expect(seen.map(({ method, url }) => `${method} ${url.split('?')[0]}`)).toEqual([
      'GET /srv.asmx/ChangeUserStatus',
      'GET /SRV.asmx/ChangeUserStatus',
      'POST /',
      'PUT /v1/usg/dcs/corp/member/status/1',
      'GET /healthz',
      'GET /no/such/path',
    ]);
    // Each request was seen once, after the request id step, and its answer reached the step.
    expect(seen.slice(0, 2).map((s) => s.requestId)).toEqual(['fast-1', 'express-1']);
    expect(seen.map((s) => s.status)).toEqual([200, 200, aliyun.status, huawei.status, 200, 404]);
  });

  it('sees SOAP on the fast spelling and on a spelling only Express routes, HEAD included', async () => {
    const soap = `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><ChangeUserStatus xmlns="http://tempuri.org/"><authenticationTicket>${TICKET}</authenticationTicket><UserName>jdoe</UserName><StatusCode>1</StatusCode></ChangeUserStatus></soap:Body></soap:Envelope>`;
    const headers = { 'content-type': 'text/xml; charset=utf-8', soapaction: '"http://tempuri.org/ChangeUserStatus"' };
    const fast = await send('POST', '/srv.asmx', headers, soap);
    const slash = await send('POST', '/srv.asmx/', headers, soap);
    const head = await send('HEAD', '/srv.asmx');
    const put = await send('PUT', '/srv.asmx');
    // HEAD /srv.asmx is the asmx door's 405, as ASMX answers it; the steps still see it.
    expect([fast.status, slash.status, head.status, put.status]).toEqual([200, 200, 405, 405]);
    expect(fast.text).toBe(slash.text);
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(['POST /srv.asmx', 'POST /srv.asmx/', 'HEAD /srv.asmx', 'PUT /srv.asmx']);
  });

  it('lets a step answer a request itself: no door runs after it', async () => {
    const disable = `/srv.asmx/ChangeUserStatus?authenticationTicket=${TICKET}&UserName=jdoe&StatusCode=0`;
    const throttled = await send('GET', disable, { 'x-test-throttle': '1' });
    expect(throttled.status).toBe(429);
    const user = await send('GET', `/srv.asmx/GetUser?authenticationTicket=${TICKET}&UserName=jdoe`);
    expect(user.text).toContain('Enabled="TRUE"');
  });

  it('ends a failing step in the last-resort handler: a plain 500, no stack on the wire', async () => {
    for (const path of ['/srv.asmx', '/healthz']) {
      const reply = await send('POST', path, { 'x-test-fail': '1' });
      expect(reply.status).toBe(500);
      expect(reply.text).toBe('Internal Server Error');
    }
  });
});
