import { startTestServer, type TestServer } from '../kit/server';
import { DEMO_TOKEN, appAuth, batch, call, expectError, type Reply } from './helpers';

/** Finding 11: a pair minted by validate with needGenNewToken ends with the token it came from. */
const HOUR = 3600 * 1000;
let server: TestServer;
let now = Date.UTC(2026, 6, 1);

beforeAll(async () => {
  server = await startTestServer({}, { clock: () => now });
});

afterAll(async () => {
  await server.stop();
});

function derive(token: string): Promise<Reply> {
  return call(server, 'POST', '/v1/usg/acs/token/validate', {
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token, needGenNewToken: true }),
  });
}

const works = async (token: string): Promise<number> => (await batch(server, '0', '0', ['jdoe'], { token })).status;

it('a logout of the validated token ends the pair derived from it', async () => {
  const parent = String((await appAuth(server)).json?.accessToken);
  const derived = (await derive(parent)).json as Record<string, unknown>;
  const child = String(derived.accessToken);
  expect(await works(child)).toBe(200);
  // A grandchild, derived from the child, is in the same family.
  const grandchild = String((await derive(child)).json?.accessToken);

  const out = await call(server, 'DELETE', '/v1/usg/acs/token', { headers: { 'X-Access-Token': parent } });
  expect(out.status).toBe(200);
  expectError(await batch(server, '0', '0', ['jdoe'], { token: child }), 401, 'USG.000000004');
  expectError(await batch(server, '0', '0', ['jdoe'], { token: grandchild }), 401, 'USG.000000004');
  const refresh = await call(server, 'PUT', '/v1/usg/acs/token', { headers: { 'X-Access-Token': String(derived.refreshToken) } });
  expectError(refresh, 401, 'USG.000000004');
});

it('a derived pair expires no later than its parent', async () => {
  const parent = String((await appAuth(server)).json?.accessToken);
  now += 6 * HOUR;
  const child = String((await derive(parent)).json?.accessToken);
  now += 6 * HOUR - 1000;
  expect(await works(child)).toBe(200);
  now += 1000;
  expectError(await batch(server, '0', '0', ['jdoe'], { token: child }), 401, 'USG.000000004');
});

it('a pair derived from a token that never expires lives its own lifetime', async () => {
  const child = String((await derive(DEMO_TOKEN)).json?.accessToken);
  expect(await works(child)).toBe(200);
});
