import { startTestServer, type TestServer } from '../kit/server';
import { appAuth, expectError, nonce } from './helpers';

/**
 * Finding 5: a captured App ID logon is never accepted twice, whatever its expireTime: not after
 * the nonce window, not after the purge job ran.
 */
const DAY = 24 * 3600 * 1000;
let server: TestServer;
let now = Date.UTC(2026, 5, 1);

beforeAll(async () => {
  server = await startTestServer({}, { clock: () => now });
});

afterAll(async () => {
  await server.stop();
});

it('expireTime 0 (the README example) works once, and its bytes are refused a year later, after purges', async () => {
  const captured = { expireTime: 0, nonce: nonce() };
  expect((await appAuth(server, captured)).status).toBe(200);
  expectError(await appAuth(server, captured), 401, 'USG.000000007');
  now += server.config.huaweiNonceWindowSeconds * 1000 + DAY;
  await server.engine.purgeExpired();
  expectError(await appAuth(server, captured), 401, 'USG.000000007');
  now += 365 * DAY;
  await server.engine.purgeExpired();
  expectError(await appAuth(server, captured), 401, 'USG.000000007');
});

it('a logon whose expireTime lies beyond the window is remembered until it expires, then refused as expired', async () => {
  const windowMs = server.config.huaweiNonceWindowSeconds * 1000;
  const captured = { expireTime: Math.floor((now + 3 * windowMs) / 1000), nonce: nonce() };
  expect((await appAuth(server, captured)).status).toBe(200);
  now += 2 * windowMs;
  await server.engine.purgeExpired();
  expectError(await appAuth(server, captured), 401, 'USG.000000007');
  // The very millisecond of expiry: still not accepted twice.
  now = captured.expireTime * 1000;
  await server.engine.purgeExpired();
  expectError(await appAuth(server, captured), 401, 'USG.000000007');
  now += 1000;
  expectError(await appAuth(server, captured), 401, 'USG.000000025');
});
