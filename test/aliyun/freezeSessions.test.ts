import { ASMX_SUCCESS, asmxChange, asmxStatus } from '../kit/asmx';
import { DEMO } from '../kit/demo';
import { startTestServer, type TestServer } from '../kit/server';
import { accountAuth, batch, expectError, getMember, statusOf, tokenOf } from '../huawei/helpers';
import { bssSetResellerUserStatus } from './sdkClients';

/**
 * Finding 1: a frozen administrator keeps no power through the tickets and tokens it held.
 * StopMode 0 (or none) keeps the sessions but they authorise nothing while the account is
 * frozen; StopMode 1 ends them. Either way nothing acts once the freeze has committed.
 */
const ROOT2 = { userName: 'root2', password: 'root2-password-1', ownerId: '2000000000000002' };

let server: TestServer;
let ticket: string;
let token: string;

beforeEach(async () => {
  server = await startTestServer();
  const root2 = await server.engine.addUser({ ...ROOT2, directoryId: DEMO.directory.id, isAdmin: true, thirdPartyId: 'root2-3p' });
  ticket = (await server.engine.openSession(root2.id, 'ticket', { lifetimeMs: null, sliding: false, clientType: null, maxLive: null }))
    .secret;
  token = await tokenOf(accountAuth(server, ROOT2.userName, ROOT2.password));
  // Both work before the freeze.
  expect(await asmxStatus(server, 'jdoe', ticket)).toBe('enabled');
  expect((await getMember(server, 'jdoe', null, token)).status).toBe(200);
});

afterEach(async () => {
  await server.stop();
});

async function freeze(stopMode: string | undefined, status: 'Freeze' | 'Thaw' = 'Freeze'): Promise<void> {
  const body = await bssSetResellerUserStatus(server.port, {
    OwnerId: ROOT2.ownerId,
    Status: status,
    BusinessType: 'FREEZE',
    StopMode: stopMode,
  });
  expect(body.success).toBe(true);
}

async function expectPowerless(): Promise<void> {
  const change = await asmxChange(server, 'test010', 0, { ticket });
  expect(change.text).not.toContain(ASMX_SUCCESS);
  await expect(asmxStatus(server, 'jdoe', ticket)).rejects.toThrow(/did not answer/);
  expectError(await batch(server, '1', null, ['test010'], { token }), 401, 'USG.000000004');
  expectError(await getMember(server, 'jdoe', null, token), 401, 'USG.000000004');
  expect(await statusOf(server, 'test010')).toBe('enabled');
}

test.each([
  ['no StopMode', undefined],
  ['StopMode=0', '0'],
  ['StopMode=1', '1'],
])('a frozen administrator (%s) can do nothing through its old ticket or token', async (_name, stopMode) => {
  await freeze(stopMode);
  await expectPowerless();
});

test('StopMode=0 suspends the sessions: a Thaw before they expire makes them work again', async () => {
  await freeze('0');
  await expectPowerless();
  await freeze(undefined, 'Thaw');
  expect(await asmxStatus(server, 'jdoe', ticket)).toBe('enabled');
  expect((await getMember(server, 'jdoe', null, token)).status).toBe(200);
});

test('StopMode=1 ends the sessions: after a Thaw the old ticket and token stay dead', async () => {
  await freeze('1');
  await freeze(undefined, 'Thaw');
  await expectPowerless();
});

test('a disabled user may still log its own token out', async () => {
  await freeze('0');
  const reply = await server.engine.findUser({ by: 'userName', value: ROOT2.userName });
  expect(reply?.status).toBe('disabled');
  const { send } = await import('../kit/http');
  const logout = await send(server, '/v1/usg/acs/token', { method: 'DELETE', headers: { 'X-Access-Token': token } });
  expect(logout.status).toBe(200);
});
