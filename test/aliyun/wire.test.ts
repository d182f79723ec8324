import { send, sendChunked } from '../kit/http';
import { startTestServer, type TestServer } from '../kit/server';
import { CAPTURED_SCENARIOS, replay } from './captures';
import { FREEZE, jdoe, lastAudit } from './helpers';
import { signedV1Query } from './signV1';

let server: TestServer;

/** A fresh copy of the demo data per test: no test sees what another changed. */
beforeEach(async () => {
  server = await startTestServer({ maxBodyBytes: 1024 });
});

afterEach(async () => {
  await server.stop();
});

const BSS = { Action: 'SetResellerUserStatus', Version: '2017-12-14' };

async function get(query: string): Promise<{ status: number; type: string; text: string; requestId: string | null }> {
  const answer = await send(server, `/?${query}`);
  return {
    status: answer.status,
    type: answer.headers.get('content-type') ?? '',
    text: answer.text,
    requestId: answer.headers.get('x-acs-request-id') ?? null,
  };
}

describe('replies', () => {
  test('Format=XML gets an XML reply', async () => {
    const ok = await get(signedV1Query({ ...BSS, ...FREEZE, Format: 'XML' }));
    expect(ok.status).toBe(200);
    expect(ok.type).toMatch(/^text\/xml/);
    expect(ok.text).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?><SetResellerUserStatusResponse><Code>200<\/Code><Message>Successful!<\/Message><Data>true<\/Data><RequestId>[0-9A-F-]{36}<\/RequestId><Success>true<\/Success><\/SetResellerUserStatusResponse>$/,
    );
    const refused = await get(signedV1Query({ ...BSS, Status: 'Thaw', BusinessType: 'FREEZE', Format: 'xml' }));
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(
      /<Error><RequestId>[0-9A-F-]{36}<\/RequestId><HostId>127\.0\.0\.1:\d+<\/HostId><Code>ParameterError<\/Code>/,
    );
    expect((await jdoe(server)).status).toBe('disabled');
  });

  test('JSON otherwise, with the common error body', async () => {
    const refused = await get(signedV1Query({ ...BSS, Status: 'Thaw', BusinessType: 'FREEZE' }));
    expect(refused.type).toMatch(/^application\/json/);
    expect(Object.keys(JSON.parse(refused.text))).toEqual(['RequestId', 'HostId', 'Code', 'Message', 'Recommend']);
    expect(refused.requestId).toBe(JSON.parse(refused.text).RequestId);
  });
});

describe('dispatch', () => {
  test('an unknown action, or a known action at another version, is InvalidAction.NotFound', async () => {
    for (const params of [
      { Action: 'DescribeRegions', Version: '2017-12-14' },
      { Action: 'SetResellerUserStatus', Version: '2021-05-15' },
      { Action: 'UpdateUserStatus', Version: '2017-12-14' },
    ]) {
      const answer = await get(signedV1Query(params));
      expect([answer.status, JSON.parse(answer.text).Code]).toEqual([404, 'InvalidAction.NotFound']);
    }
  });

  test('a request without Action is MissingParameter', async () => {
    const answer = await get('');
    expect([answer.status, JSON.parse(answer.text).Code]).toEqual([400, 'MissingParameter']);
  });

  test('V1 without Timestamp is MissingParameter; with another SignatureMethod IncompleteSignature', async () => {
    const noTime = signedV1Query({ ...BSS, ...FREEZE }).replace(/&?Timestamp=[^&]*/, '');
    expect(JSON.parse((await get(noTime)).text).Code).toBe('MissingParameter');
    const sha256 = await get(signedV1Query({ ...BSS, ...FREEZE, SignatureMethod: 'HMAC-SHA256' }));
    expect(JSON.parse(sha256.text).Code).toBe('IncompleteSignature');
  });

  test('MissingParameter and InvalidParameter name the parameter where the table has its placeholders', async () => {
    expect(JSON.parse((await get('')).text).Message).toBe(
      'The input parameter "Action" that is mandatory for processing this request is not supplied.',
    );
    const twice = await get(`${signedV1Query({ ...BSS, ...FREEZE })}&OwnerId=1000000000000001`);
    expect(JSON.parse(twice.text).Message).toBe('The specified parameter "OwnerId" is not valid: it is given more than once');
  });

  test('a parameter given twice, or broken percent-encoding, is InvalidParameter', async () => {
    const twice = `${signedV1Query({ ...BSS, ...FREEZE })}&OwnerId=1000000000000001`;
    expect(JSON.parse((await get(twice)).text).Code).toBe('InvalidParameter');
    expect(JSON.parse((await get(`Action=%E4%B8&Version=x`)).text).Code).toBe('InvalidParameter');
  });

  test('V3 without host among SignedHeaders is IncompleteSignature', async () => {
    const captured = CAPTURED_SCENARIOS.find((s) => s.id === 'bss-v3')?.requests[0];
    if (!captured) throw new Error('capture bss-v3 missing');
    const authorization = String(captured.headers.authorization).replace('SignedHeaders=host;', 'SignedHeaders=');
    const rawHeaders = captured.rawHeaders.map(([n, v]) => [n, n === 'Authorization' ? authorization : v] as [string, string]);
    const answer = await replay(server.port, { ...captured, rawHeaders });
    expect(answer.json().Code).toBe('IncompleteSignature');
  });

  test('a body over maxBodyBytes is 413 in the JSON error format', async () => {
    const answer = await send(server, '/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `Action=SetResellerUserStatus&Pad=${'x'.repeat(2048)}`,
    });
    expect(answer.status).toBe(413);
    expect(answer.json()).toEqual(expect.objectContaining({ Code: 'RequestEntityTooLarge' }));
  });

  test('a chunked body that grows past maxBodyBytes is 413 in the JSON error format too', async () => {
    const answer = await sendChunked(server, '/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      chunks: [0, 1, 2, 3].map((i) => `Pad${i}=${'x'.repeat(500)}&`),
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toEqual(expect.objectContaining({ Code: 'RequestEntityTooLarge' }));
  });

  test('the door answers only GET and POST on / exactly: other routes stay with their owners', async () => {
    expect((await send(server, '/', { method: 'PUT' })).status).toBe(404);
    expect((await send(server, '/other')).status).toBe(404);
    expect((await send(server, '/healthz')).json()).toEqual({ status: 'ok' });
  });

  test('an unexpected error is UndefinedError 500 without detail', async () => {
    const spy = jest.spyOn(server.engine, 'changeStatus').mockRejectedValueOnce(new Error('boom at /internal/path'));
    try {
      const answer = await get(signedV1Query({ ...BSS, ...FREEZE }));
      expect(answer.status).toBe(500);
      const body = JSON.parse(answer.text);
      expect(body).toEqual(expect.objectContaining({ Code: 'UndefinedError' }));
      expect(answer.text).not.toMatch(/boom|internal\/path|at /);
    } finally {
      spy.mockRestore();
    }
  });

  test('the audit names the request by the RequestId the caller saw', async () => {
    const answer = JSON.parse((await get(signedV1Query({ ...BSS, ...FREEZE, Status: 'Thaw' }))).text);
    expect(await lastAudit(server)).toEqual(expect.objectContaining({ requestId: answer.RequestId }));
  });
});
