import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../kit/server';
import { HAN, JSON_TYPE, accountAuth, appAuth, batch, call, expectError, nonce, setStatus, tokenOf } from './helpers';
import { DEMO, DEMO_PASSWORDS } from '../kit/demo';

const HOUR = 3600 * 1000;

describe('huawei door: tokens', () => {
  let server: TestServer;
  let now: number;

  beforeEach(async () => {
    now = Date.UTC(2026, 0, 15, 8, 0, 0);
    server = await startTestServer({}, { clock: () => now });
  });
  afterEach(() => server.stop());

  it('App ID authentication with an empty userId issues a token to the bound administrator', async () => {
    const reply = await appAuth(server);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe(JSON_TYPE);
    expect(reply.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    const json = reply.json as Record<string, unknown>;
    expect(json).toMatchObject({
      validPeriod: 12 * 3600,
      expireTime: Math.floor((now + 12 * HOUR) / 1000),
      createTime: now,
      tokenType: 0,
      clientType: 72,
      refreshValidPeriod: 30 * 24 * 3600,
      user: { userId: DEMO.admin.id, ucloginAccount: 'admin', thirdAccount: DEMO.admin.thirdPartyId, status: 0, adminType: 1 },
    });
    expect(typeof json.accessToken).toBe('string');
    expect(typeof json.refreshToken).toBe('string');
    const found = await server.engine.findSession('huawei-access', String(json.accessToken));
    expect(found.user.userName).toBe('admin');
    // Only hashes are stored: no database file (WAL included) holds either token.
    for (const file of readdirSync(server.dir)) {
      const bytes = readFileSync(join(server.dir, file));
      expect([file, bytes.includes(String(json.accessToken))]).toEqual([file, false]);
      expect([file, bytes.includes(String(json.refreshToken))]).toEqual([file, false]);
    }
  });

  it('App ID authentication with a userId issues the token to that third-party id, and accepts an upper-case signature', async () => {
    const reply = await appAuth(server, { userId: DEMO.test010.thirdPartyId, upperCase: true });
    expect(reply.status).toBe(200);
    expect(reply.json?.user).toMatchObject({ ucloginAccount: 'test010', thirdAccount: DEMO.test010.thirdPartyId, adminType: 2 });
  });

  it('App ID authentication honours expireTime and refuses a replayed nonce', async () => {
    const future = Math.floor(now / 1000) + 600;
    const once = nonce();
    expect((await appAuth(server, { expireTime: future, nonce: once })).status).toBe(200);
    expectError(await appAuth(server, { expireTime: future, nonce: once }), 401, 'USG.000000007');
    expectError(await appAuth(server, { expireTime: Math.floor(now / 1000) - 1 }), 401, 'USG.000000025');
  });

  it('account authentication issues a token; 401 for a bad password, for a locked account and for a disabled one', async () => {
    const ok = await accountAuth(server, 'jdoe', DEMO_PASSWORDS.jdoe);
    expect(ok.status).toBe(200);
    expect(ok.json?.user).toMatchObject({ ucloginAccount: 'jdoe', status: 0, adminType: 2 });

    const bad = await accountAuth(server, 'jdoe', 'wrong-password', 'en-US');
    expectError(bad, 401, 'USG.000000001');
    expect(bad.json?.error_msg).toBe('Incorrect account or password');
    for (let i = 0; i < 3; i++) await accountAuth(server, 'jdoe', 'wrong-password');
    const locked = await accountAuth(server, 'jdoe', 'wrong-password');
    expectError(locked, 401, 'USG.000000001');
    expect(locked.json?.error_msg).toMatch(HAN);
    expectError(await accountAuth(server, 'jdoe', DEMO_PASSWORDS.jdoe), 401, 'USG.000000001');

    await setStatus(server, 'test010', 'disabled');
    const disabled = await accountAuth(server, 'test010', DEMO_PASSWORDS.jdoe, 'en-US');
    expectError(disabled, 401, 'USG.000000001');
    expect(disabled.json?.error_msg).toBe('Incorrect account or password');
  });

  it('refresh trades the refresh token for a new pair; the old refresh token works once', async () => {
    const first = (await accountAuth(server, 'admin', DEMO.admin.password)).json as Record<string, unknown>;
    now += HOUR;
    const refreshed = await call(server, 'PUT', '/v1/usg/acs/token', { headers: { 'X-Access-Token': String(first.refreshToken) } });
    expect(refreshed.status).toBe(200);
    expect(refreshed.json?.accessToken).not.toBe(first.accessToken);
    expect(refreshed.json?.createTime).toBe(now);
    expect((await batch(server, '0', '0', ['jdoe'], { token: String(refreshed.json?.accessToken) })).status).toBe(200);
    const again = await call(server, 'PUT', '/v1/usg/acs/token', { headers: { 'X-Access-Token': String(first.refreshToken) } });
    expectError(again, 401, 'USG.000000004');
  });

  it('validate returns the token facts, and a new token when needGenNewToken', async () => {
    const token = await tokenOf(appAuth(server));
    const headers = { 'Content-Type': 'application/json' };
    const plain = await call(server, 'POST', '/v1/usg/acs/token/validate', {
      headers,
      body: JSON.stringify({ token, needGenNewToken: false, needAccountInfo: true }),
    });
    expect(plain.status).toBe(200);
    expect(plain.json).toMatchObject({ accessToken: token, refreshToken: null, validPeriod: 12 * 3600, user: { ucloginAccount: 'admin' } });

    const fresh = await call(server, 'POST', '/v1/usg/acs/token/validate', {
      headers,
      body: JSON.stringify({ token, needGenNewToken: true }),
    });
    expect(fresh.status).toBe(200);
    expect(fresh.json?.accessToken).not.toBe(token);
    expect(typeof fresh.json?.refreshToken).toBe('string');

    const unknown = await call(server, 'POST', '/v1/usg/acs/token/validate', {
      headers,
      body: JSON.stringify({ token: 'nope', needGenNewToken: false }),
    });
    expectError(unknown, 401, 'USG.000000004');
  });

  it('a token is refused after logout, and so is its refresh token', async () => {
    const pair = (await appAuth(server)).json as Record<string, unknown>;
    const token = String(pair.accessToken);
    expect((await batch(server, '0', '0', ['jdoe'], { token })).status).toBe(200);
    const out = await call(server, 'DELETE', '/v1/usg/acs/token', { headers: { 'X-Access-Token': token } });
    expect(out.status).toBe(200);
    expect(out.text).toBe('');
    expectError(await batch(server, '0', '0', ['jdoe'], { token }), 401, 'USG.000000004');
    expectError(await call(server, 'DELETE', '/v1/usg/acs/token', { headers: { 'X-Access-Token': token } }), 401, 'USG.000000004');
    const refresh = await call(server, 'PUT', '/v1/usg/acs/token', { headers: { 'X-Access-Token': String(pair.refreshToken) } });
    expectError(refresh, 401, 'USG.000000004');
  });

  it('a token is refused after it expires (huaweiTokenLifetimeSeconds, 12 hours by default)', async () => {
    const token = await tokenOf(accountAuth(server, 'admin', DEMO.admin.password));
    now += 12 * HOUR - 1000;
    expect((await batch(server, '0', '0', ['jdoe'], { token })).status).toBe(200);
    now += 1000;
    const expired = await batch(server, '0', '0', ['jdoe'], { token, language: 'en-US' });
    expectError(expired, 401, 'USG.000000004');
    expect(expired.json?.error_msg).toBe('The token is invalid or has expired');
  });

  it('a token is refused after its user is disabled', async () => {
    const token = await tokenOf(accountAuth(server, 'test010', DEMO_PASSWORDS.jdoe));
    const validate = () =>
      call(server, 'POST', '/v1/usg/acs/token/validate', {
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ token }),
      });
    expect((await validate()).status).toBe(200);
    expect((await batch(server, '1', '0', ['test010'])).status).toBe(200);
    expectError(await validate(), 401, 'USG.000000004');
    expectError(await call(server, 'GET', '/v1/usg/dcs/corp/member/jdoe', { headers: { 'X-Access-Token': token } }), 401, 'USG.000000004');
  });

  it('keeps at most huaweiMaxLiveTokens live tokens per user and client type: the oldest is evicted', async () => {
    await server.stop();
    server = await startTestServer({ huaweiMaxLiveTokens: 3 }, { clock: () => now });
    const tokens: string[] = [];
    for (let i = 0; i < 4; i++) {
      now += 1;
      tokens.push(await tokenOf(appAuth(server)));
    }
    expectError(await batch(server, '0', '0', ['jdoe'], { token: tokens[0] }), 401, 'USG.000000004');
    for (const token of tokens.slice(1)) expect((await batch(server, '0', '0', ['jdoe'], { token })).status).toBe(200);
  });

  it('refuses a revoked app, an app whose administrator is disabled, an unknown userId and a disabled user', async () => {
    await server.engine.addUser({ userName: 'admin2', directoryId: DEMO.directory.id, isAdmin: true });
    const second = await server.engine.createHuaweiApp({ userName: 'admin2' });
    const asSecond = { appId: second.appId, appKey: second.appKey };
    expect((await appAuth(server, asSecond)).status).toBe(200);
    await setStatus(server, 'admin2', 'disabled');
    expectError(await appAuth(server, asSecond), 412, 'USG.000000002');
    expectError(await appAuth(server, { ...asSecond, userId: DEMO.test010.thirdPartyId }), 412, 'USG.000000002');

    await server.engine.revokeHuaweiApp(second.appId);
    const revoked = await appAuth(server, asSecond, 'en-US');
    expectError(revoked, 401, 'USG.000000008');
    expect(revoked.json?.error_msg).toBe('The app ID does not exist or has been revoked');

    const unknownUser = await appAuth(server, { userId: 'nobody-3p' });
    expectError(unknownUser, 400, 'USG.201040000');
    await setStatus(server, 'test010', 'disabled');
    expectError(await appAuth(server, { userId: DEMO.test010.thirdPartyId }), 412, 'USG.000000002');
  });
});
