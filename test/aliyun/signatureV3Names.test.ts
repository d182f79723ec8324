import { createHmac, hash, randomUUID } from 'node:crypto';
import { aliyunEncode } from '../../src/doors/aliyun/canonicalEncode';
import { send } from '../kit/http';
import { DEMO } from '../kit/demo';
import { startTestServer, type TestServer } from '../kit/server';
import { DEMO_DIRECTORY, jdoe, JDOE } from './helpers';

/**
 * Finding 6: V3 canonicalisation encodes parameter names as the signing reference does, so a
 * signature pins the parameter set. Signed here by hand, as the reference's own samples sign.
 */
let server: TestServer;

beforeEach(async () => {
  server = await startTestServer();
});

afterEach(async () => {
  await server.stop();
});

const sha256 = (text: string): string => hash('sha256', text, 'hex');

/** Signs `signed` (name/value pairs) and sends the query string `wireQuery` in its place. */
async function sendV3(signed: [string, string][], wireQuery: string) {
  const host = `127.0.0.1:${server.port}`;
  const headers: Record<string, string> = {
    host,
    'x-acs-action': 'UpdateUserStatus',
    'x-acs-content-sha256': sha256(''),
    'x-acs-date': new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'x-acs-signature-nonce': randomUUID(),
    'x-acs-version': '2021-05-15',
  };
  const names = Object.keys(headers).sort();
  const query = [...signed]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${aliyunEncode(k)}=${aliyunEncode(v)}`)
    .join('&');
  const canonical = ['POST', '/', query, names.map((n) => `${n}:${headers[n]}\n`).join(''), names.join(';'), sha256('')].join('\n');
  const signature = createHmac('sha256', DEMO.accessKey.accessKeySecret)
    .update(`ACS3-HMAC-SHA256\n${sha256(canonical)}`)
    .digest('hex');
  const { host: _host, ...rest } = headers;
  const authorization = `ACS3-HMAC-SHA256 Credential=${DEMO.accessKey.accessKeyId},SignedHeaders=${names.join(';')},Signature=${signature}`;
  const answer = await send(server, `/?${wireQuery}`, { method: 'POST', headers: { ...rest, Authorization: authorization } });
  return { status: answer.status, body: JSON.parse(answer.text) as Record<string, unknown> };
}

const PARAMS: [string, string][] = [
  ['DirectoryId', DEMO_DIRECTORY],
  ['NewStatus', 'Disabled'],
  ['UserId', JDOE.id],
];

test('a correctly signed request verifies (the hand signer agrees with the door)', async () => {
  const wire = PARAMS.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  const reply = await sendV3(PARAMS, wire);
  expect(reply.status).toBe(200);
  expect((await jdoe(server)).status).toBe('disabled');
});

test('a request signed for DirectoryId=…&NewStatus=… does not verify sent as one parameter DirectoryId%3D…%26NewStatus', async () => {
  const wire = `DirectoryId%3D${encodeURIComponent(DEMO_DIRECTORY)}%26NewStatus=Disabled&UserId=${JDOE.id}`;
  const reply = await sendV3(PARAMS, wire);
  expect(reply.status).toBe(400);
  expect(reply.body.Code).toBe('SignatureDoesNotMatch');
  expect((await jdoe(server)).status).toBe('enabled');
});

test('a correctly signed parameter name with a space verifies', async () => {
  const signed: [string, string][] = [...PARAMS, ['Client Note', 'a b']];
  const wire = `${PARAMS.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}&Client%20Note=a%20b`;
  const reply = await sendV3(signed, wire);
  expect(reply).toMatchObject({ status: 200 });
  expect((await jdoe(server)).status).toBe('disabled');
});
