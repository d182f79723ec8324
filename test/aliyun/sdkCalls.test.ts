import { sha256Hex } from '../../src/engine';
import { startTestServer, type TestServer } from '../kit/server';
import { asmxStatus } from '../kit/asmx';
import { auditOf, DEMO_DIRECTORY, FREEZE, jdoe, JDOE, THAW } from './helpers';
import { bssSetResellerUserStatus, cloudSsoUpdateUserStatus, popCoreSetResellerUserStatus, type SdkSignature } from './sdkClients';
import { DEMO } from '../kit/demo';

let server: TestServer;

beforeEach(async () => {
  server = await startTestServer();
});

afterEach(async () => {
  await server.stop();
});

const UPPER_UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

/** The engine, the asmx door and the audit must all agree on what the call did. */
async function expectStatus(requestId: string, status: 'enabled' | 'disabled', door: string, verb: string): Promise<void> {
  expect(requestId).toMatch(UPPER_UUID);
  expect((await jdoe(server)).status).toBe(status);
  expect(await asmxStatus(server, JDOE.userName)).toBe(status);
  expect(await auditOf(server, requestId)).toEqual([
    expect.objectContaining({ door, caller: DEMO.accessKey.accessKeyId, target: JDOE.userName, verb, after: status, outcome: 'ok' }),
  ]);
}

describe.each<[string, SdkSignature]>([
  ['V3 (ACS3-HMAC-SHA256, the default)', 'v3'],
  ['V1 (HMAC-SHA1, signatureAlgorithm v2)', 'v1'],
])('bssopenapi setResellerUserStatus, %s', (_name, sig) => {
  test('Freeze then Thaw disable and enable the user named by OwnerId', async () => {
    const frozen = await bssSetResellerUserStatus(server.port, { ...FREEZE, StopMode: '0' }, sig);
    expect(frozen).toEqual({ code: '200', message: 'Successful!', data: true, requestId: frozen.requestId, success: true });
    await expectStatus(frozen.requestId ?? '', 'disabled', 'aliyun-bss', 'SetResellerUserStatus:Freeze');
    expect((await jdoe(server)).statusReason).toBe('aliyun:Freeze');

    const thawed = await bssSetResellerUserStatus(server.port, THAW, sig);
    expect(thawed.success).toBe(true);
    await expectStatus(thawed.requestId ?? '', 'enabled', 'aliyun-bss', 'SetResellerUserStatus:Thaw');
    expect((await jdoe(server)).statusReason).toBe('aliyun:Thaw');
  });

  test('Trusteeship and TrusteeshipCancel put the user under trusteeship and take it out', async () => {
    const hosted = await bssSetResellerUserStatus(
      server.port,
      { OwnerId: JDOE.ownerId, Status: 'Trusteeship', BusinessType: 'TRUSTEESHIP' },
      sig,
    );
    expect(hosted.success).toBe(true);
    expect((await jdoe(server)).hosted).toBe(true);
    expect(await auditOf(server, hosted.requestId ?? '')).toEqual([
      expect.objectContaining({
        door: 'aliyun-bss',
        verb: 'SetResellerUserStatus:Trusteeship',
        before: 'not-hosted',
        after: 'hosted',
        outcome: 'ok',
      }),
    ]);
    const cancelled = await bssSetResellerUserStatus(
      server.port,
      { OwnerId: JDOE.ownerId, Status: 'TrusteeshipCancel', BusinessType: 'TRUSTEESHIP' },
      sig,
    );
    expect(cancelled.success).toBe(true);
    expect((await jdoe(server)).hosted).toBe(false);
    expect((await jdoe(server)).status).toBe('enabled');
  });
});

describe('openapi-client callApi CloudSSO UpdateUserStatus', () => {
  test.each<[string, SdkSignature, boolean]>([
    ['V3, parameters in the query', 'v3', false],
    ['V1, parameters in the query', 'v1', false],
    ['V3, parameters in a form body', 'v3', true],
    ['V1, parameters in a form body', 'v1', true],
  ])('%s: Disabled then Enabled', async (_name, sig, inBody) => {
    const target = { DirectoryId: DEMO_DIRECTORY, UserId: JDOE.id };
    const disabled = await cloudSsoUpdateUserStatus(server.port, { ...target, NewStatus: 'Disabled' }, { sig, inBody });
    expect(Object.keys(disabled)).toEqual(['RequestId']);
    await expectStatus(String(disabled.RequestId), 'disabled', 'aliyun-cloudsso', 'UpdateUserStatus:Disabled');

    const enabled = await cloudSsoUpdateUserStatus(server.port, { ...target, NewStatus: 'Enabled' }, { sig, inBody });
    await expectStatus(String(enabled.RequestId), 'enabled', 'aliyun-cloudsso', 'UpdateUserStatus:Enabled');
  });

  test('setting the status the user already has succeeds and is audited as unchanged', async () => {
    const reply = await cloudSsoUpdateUserStatus(server.port, { DirectoryId: DEMO_DIRECTORY, UserId: JDOE.id, NewStatus: 'Enabled' });
    expect(await auditOf(server, String(reply.RequestId))).toEqual([expect.objectContaining({ outcome: 'unchanged' })]);
  });
});

describe.each<['GET' | 'POST']>([['GET'], ['POST']])('pop-core RPCClient with %s', (method) => {
  test('Freeze then Thaw', async () => {
    const frozen = await popCoreSetResellerUserStatus(server.port, FREEZE, method);
    expect({ ...frozen }).toEqual({ Code: '200', Message: 'Successful!', Data: true, RequestId: frozen.RequestId, Success: true });
    await expectStatus(String(frozen.RequestId), 'disabled', 'aliyun-bss', 'SetResellerUserStatus:Freeze');
    const thawed = await popCoreSetResellerUserStatus(server.port, THAW, method);
    await expectStatus(String(thawed.RequestId), 'enabled', 'aliyun-bss', 'SetResellerUserStatus:Thaw');
  });
});

describe('StopMode', () => {
  async function ticketAlive(ticket: string): Promise<boolean> {
    return server.store.withTransaction(async (tx) => (await tx.sessions.get(sha256Hex(ticket), 'ticket')) !== null);
  }

  async function jdoeTicket(): Promise<string> {
    const options = { lifetimeMs: 3600_000, sliding: false, clientType: null, maxLive: null };
    return (await server.engine.openSession(JDOE.id, 'ticket', options)).secret;
  }

  test.each([
    ['0 (normal shutdown) lets live sessions run out', '0', true],
    ['absent behaves as 0', undefined, true],
    ['1 (immediate shutdown) ends live sessions at once', '1', false],
  ])('Freeze with StopMode %s', async (_name, stopMode, survives) => {
    const ticket = await jdoeTicket();
    await bssSetResellerUserStatus(server.port, { ...FREEZE, StopMode: stopMode });
    expect((await jdoe(server)).status).toBe('disabled');
    expect(await ticketAlive(ticket)).toBe(survives);
  });

  test('CloudSSO Disabled ends live sessions at once', async () => {
    const ticket = await jdoeTicket();
    await cloudSsoUpdateUserStatus(server.port, { DirectoryId: DEMO_DIRECTORY, UserId: JDOE.id, NewStatus: 'Disabled' });
    expect(await ticketAlive(ticket)).toBe(false);
  });
});
