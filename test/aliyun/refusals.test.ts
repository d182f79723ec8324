import type { User } from '../../src/engine';
import { startTestServer, type TestServer } from '../kit/server';
import { DEMO_DIRECTORY, FREEZE, jdoe, JDOE, lastAudit, THAW } from './helpers';
import {
  bssSetResellerUserStatus,
  cloudSsoUpdateUserStatus,
  DEMO_KEY,
  popCoreSetResellerUserStatus,
  sdkError,
  type AccessKeyPair,
} from './sdkClients';
import { DEMO } from '../kit/demo';

let server: TestServer;
let before: User;

beforeEach(async () => {
  server = await startTestServer();
  before = await jdoe(server);
});

afterEach(async () => {
  await server.stop();
});

async function expectUnchanged(): Promise<void> {
  const now = await jdoe(server);
  expect({ status: now.status, hosted: now.hosted, version: now.version }).toEqual({
    status: before.status,
    hosted: before.hosted,
    version: before.version,
  });
}

async function addKey(id: string, policy: { actions: string[]; resources: string[] } | null, userName = 'admin'): Promise<AccessKeyPair> {
  const key = await server.engine.createAccessKey({ userName, policy, id, secret: `${id}-secret` });
  return { accessKeyId: key.id, accessKeySecret: key.secret };
}

const SYSTEM = { kind: 'system', label: 'test' } as const;

describe('authentication refusals through the SDKs', () => {
  test.each([
    ['bssopenapi V3', (key: AccessKeyPair) => bssSetResellerUserStatus(server.port, FREEZE, 'v3', key)],
    ['bssopenapi V1', (key: AccessKeyPair) => bssSetResellerUserStatus(server.port, FREEZE, 'v1', key)],
    ['pop-core GET', (key: AccessKeyPair) => popCoreSetResellerUserStatus(server.port, FREEZE, 'GET', key)],
    ['pop-core POST', (key: AccessKeyPair) => popCoreSetResellerUserStatus(server.port, FREEZE, 'POST', key)],
  ])('%s: a wrong secret is SignatureDoesNotMatch, an unknown key InvalidAccessKeyId.NotFound', async (_name, call) => {
    const wrongSecret = await sdkError(call({ ...DEMO_KEY, accessKeySecret: 'not-the-secret' }));
    expect(wrongSecret.code).toBe('SignatureDoesNotMatch');
    expect(await lastAudit(server)).toEqual(
      expect.objectContaining({
        door: 'aliyun-bss',
        caller: DEMO_KEY.accessKeyId,
        target: `ownerId:${JDOE.ownerId}`,
        outcome: 'SignatureDoesNotMatch',
      }),
    );
    const unknown = await sdkError(call({ accessKeyId: 'LTAInobody', accessKeySecret: 'x' }));
    expect(unknown.code).toBe('InvalidAccessKeyId.NotFound');
    expect(await lastAudit(server)).toEqual(expect.objectContaining({ caller: 'LTAInobody', outcome: 'KEY_NOT_FOUND' }));
    await expectUnchanged();
  });

  test('a wrong secret on CloudSSO (V3 and V1) is SignatureDoesNotMatch with HTTP 400', async () => {
    for (const sig of ['v3', 'v1'] as const) {
      const params = { DirectoryId: DEMO_DIRECTORY, UserId: JDOE.id, NewStatus: 'Disabled' };
      const err = await sdkError(cloudSsoUpdateUserStatus(server.port, params, { sig, key: { ...DEMO_KEY, accessKeySecret: 'wrong' } }));
      expect(err.code).toBe('SignatureDoesNotMatch');
      expect(err.data).toEqual(expect.objectContaining({ Code: 'SignatureDoesNotMatch', HostId: `127.0.0.1:${server.port}` }));
    }
    await expectUnchanged();
  });

  test('a revoked key is InvalidAccessKeyId.NotFound', async () => {
    const key = await addKey('LTAIrevoked', null);
    await server.engine.revokeAccessKey(key.accessKeyId);
    expect((await sdkError(bssSetResellerUserStatus(server.port, FREEZE, 'v3', key))).code).toBe('InvalidAccessKeyId.NotFound');
    await expectUnchanged();
  });

  test('a key of a disabled administrator is InvalidAccessKeyId.Inactive, audited by the engine', async () => {
    await server.engine.addUser({ userName: 'admin2', directoryId: DEMO_DIRECTORY, password: 'Second-Admin-2026', isAdmin: true });
    const key = await addKey('LTAIadmin2', null, 'admin2');
    await server.engine.changeStatus({
      requestId: 'setup',
      door: 'test',
      credential: SYSTEM,
      verb: 'disable',
      target: { by: 'userName', value: 'admin2' },
      status: 'disabled',
      reason: 'test',
    });
    const err = await sdkError(bssSetResellerUserStatus(server.port, FREEZE, 'v3', key));
    expect(err.code).toBe('InvalidAccessKeyId.Inactive');
    expect(await lastAudit(server)).toEqual(
      expect.objectContaining({ door: 'aliyun-bss', caller: 'LTAIadmin2', outcome: 'ACCOUNT_DISABLED' }),
    );
    await expectUnchanged();
  });

  test('a stale timestamp is InvalidTimeStamp.Expired (server clock 16 minutes ahead)', async () => {
    const ahead = await startTestServer({}, { clock: () => Date.now() + 16 * 60_000 });
    try {
      const bss = await sdkError(bssSetResellerUserStatus(ahead.port, FREEZE));
      expect(bss.code).toBe('InvalidTimeStamp.Expired');
      const pop = await sdkError(popCoreSetResellerUserStatus(ahead.port, FREEZE, 'GET'));
      expect(pop.code).toBe('InvalidTimeStamp.Expired');
      expect((await jdoe(ahead)).status).toBe('enabled');
      expect(await lastAudit(ahead)).toEqual(
        expect.objectContaining({ door: 'aliyun-bss', caller: DEMO_KEY.accessKeyId, outcome: 'InvalidTimeStamp.Expired' }),
      );
    } finally {
      await ahead.stop();
    }
  });

  test('within the skew window (14 minutes) a request is accepted', async () => {
    const ahead = await startTestServer({}, { clock: () => Date.now() + 14 * 60_000 });
    try {
      expect((await bssSetResellerUserStatus(ahead.port, FREEZE)).success).toBe(true);
    } finally {
      await ahead.stop();
    }
  });

  test('the skew window is the aliyunSignatureSkewSeconds setting', async () => {
    const strict = await startTestServer({ aliyunSignatureSkewSeconds: 60 }, { clock: () => Date.now() + 2 * 60_000 });
    try {
      expect((await sdkError(bssSetResellerUserStatus(strict.port, FREEZE))).code).toBe('InvalidTimeStamp.Expired');
    } finally {
      await strict.stop();
    }
  });
});

describe('policies', () => {
  const DEMO_USERS = `acs:cloudsso:cn-hangzhou:1000000000000001:directory/${DEMO_DIRECTORY}/user/*`;

  test('a policy that does not allow the action is NoPermission with AccessDeniedDetail', async () => {
    const key = await addKey('LTAIssoonly', { actions: ['cloudsso:UpdateUserStatus'], resources: [DEMO_USERS] });
    const err = await sdkError(bssSetResellerUserStatus(server.port, FREEZE, 'v3', key));
    expect(err.code).toBe('NoPermission');
    expect(err.statusCode).toBe(403);
    expect(err.accessDeniedDetail).toEqual(
      expect.objectContaining({
        AuthAction: 'bssapi:SetResellerUserStatus',
        // The OwnerId as sent: never the user's internal id.
        AuthResource: `ownerId:${JDOE.ownerId}`,
        AuthPrincipalDisplayName: 'LTAIssoonly',
      }),
    );
    expect(await lastAudit(server)).toEqual(
      expect.objectContaining({ caller: 'LTAIssoonly', target: JDOE.userName, outcome: 'ACCESS_DENIED' }),
    );
    await expectUnchanged();
    // The same key may do what its policy allows.
    await cloudSsoUpdateUserStatus(server.port, { DirectoryId: DEMO_DIRECTORY, UserId: JDOE.id, NewStatus: 'Disabled' }, { key });
    expect((await jdoe(server)).status).toBe('disabled');
  });

  test('a policy whose resources name another directory denies, through pop-core as well', async () => {
    const key = await addKey('LTAIother', { actions: ['*'], resources: ['acs:cloudsso:*:*:directory/d-elsewhere/user/*'] });
    expect((await sdkError(popCoreSetResellerUserStatus(server.port, FREEZE, 'POST', key))).code).toBe('NoPermission');
    await expectUnchanged();
  });

  test('wildcards in region, account and user allow', async () => {
    const key = await addKey('LTAIwild', {
      actions: ['bssapi:SetResellerUserStatus'],
      resources: [`acs:cloudsso:*:*:directory/${DEMO_DIRECTORY}/user/*`],
    });
    expect((await bssSetResellerUserStatus(server.port, FREEZE, 'v1', key)).success).toBe(true);
  });
});

describe('parameter refusals', () => {
  test('a missing OwnerId is ParameterError through every SDK', async () => {
    const noOwner = { Status: 'Freeze', BusinessType: 'FREEZE' };
    expect((await sdkError(bssSetResellerUserStatus(server.port, noOwner))).code).toBe('ParameterError');
    expect((await sdkError(bssSetResellerUserStatus(server.port, noOwner, 'v1'))).code).toBe('ParameterError');
    expect((await sdkError(popCoreSetResellerUserStatus(server.port, noOwner, 'GET'))).code).toBe('ParameterError');
    expect(await lastAudit(server)).toEqual(
      expect.objectContaining({ door: 'aliyun-bss', target: 'ownerId:-', outcome: 'ParameterError' }),
    );
    await expectUnchanged();
  });

  test.each([
    ['Freeze with BusinessType TRUSTEESHIP', { OwnerId: JDOE.ownerId, Status: 'Freeze', BusinessType: 'TRUSTEESHIP' }],
    ['Trusteeship with BusinessType FREEZE', { OwnerId: JDOE.ownerId, Status: 'Trusteeship', BusinessType: 'FREEZE' }],
    ['an unknown Status', { OwnerId: JDOE.ownerId, Status: 'Delete', BusinessType: 'FREEZE' }],
    ['a missing BusinessType', { OwnerId: JDOE.ownerId, Status: 'Freeze' }],
    ['a StopMode other than 0 or 1', { ...FREEZE, StopMode: '2' }],
  ])('%s is ParameterError', async (_name, params) => {
    expect((await sdkError(bssSetResellerUserStatus(server.port, params))).code).toBe('ParameterError');
    await expectUnchanged();
  });

  test('an unknown OwnerId is EntityNotExists.User', async () => {
    const err = await sdkError(bssSetResellerUserStatus(server.port, { ...FREEZE, OwnerId: '999' }));
    expect(err.code).toBe('EntityNotExists.User');
    expect(err.statusCode).toBe(404);
  });

  test('TrusteeshipCancel of a user not under trusteeship is NOT_ALLOW_CANCEL_TRUSTSHIP', async () => {
    const params = { OwnerId: JDOE.ownerId, Status: 'TrusteeshipCancel', BusinessType: 'TRUSTEESHIP' };
    expect((await sdkError(bssSetResellerUserStatus(server.port, params))).code).toBe('NOT_ALLOW_CANCEL_TRUSTSHIP');
    expect(await lastAudit(server)).toEqual(expect.objectContaining({ outcome: 'NOT_HOSTED' }));
    await expectUnchanged();
  });

  test('CloudSSO: unknown directory, user in another directory, missing UserId, bad NewStatus', async () => {
    const call = (params: Record<string, string>) => sdkError(cloudSsoUpdateUserStatus(server.port, params));
    expect((await call({ DirectoryId: 'd-nowhere', UserId: JDOE.id, NewStatus: 'Disabled' })).code).toBe('EntityNotExists.Directory');
    await server.engine.addDirectory({ id: 'd-0000000other', name: 'Other', seatLimit: null });
    expect((await call({ DirectoryId: 'd-0000000other', UserId: JDOE.id, NewStatus: 'Disabled' })).code).toBe('EntityNotExists.User');
    expect((await call({ DirectoryId: DEMO_DIRECTORY, UserId: 'u-nobody', NewStatus: 'Disabled' })).code).toBe('EntityNotExists.User');
    expect((await call({ DirectoryId: DEMO_DIRECTORY, NewStatus: 'Disabled' })).code).toBe('MissingParameter');
    expect((await call({ DirectoryId: DEMO_DIRECTORY, UserId: JDOE.id, NewStatus: 'Frozen' })).code).toBe('InvalidParameter');
    expect(await lastAudit(server)).toEqual(
      expect.objectContaining({ door: 'aliyun-cloudsso', target: `id:${JDOE.id}`, outcome: 'InvalidParameter' }),
    );
    await expectUnchanged();
  });

  test('disabling the last enabled administrator is refused', async () => {
    const params = { DirectoryId: DEMO_DIRECTORY, UserId: DEMO.admin.id, NewStatus: 'Disabled' };
    expect((await sdkError(cloudSsoUpdateUserStatus(server.port, params))).code).toBe('OperationDenied.LastAdministrator');
  });
});

describe('seat limit', () => {
  beforeEach(async () => {
    await server.engine.changeStatus({
      requestId: 'setup',
      door: 'test',
      credential: SYSTEM,
      verb: 'disable',
      target: { by: 'id', value: JDOE.id },
      status: 'disabled',
      reason: 'test',
    });
    // admin and test010 stay enabled: the directory is full.
    await server.engine.setSeatLimit(DEMO_DIRECTORY, 2);
    before = await jdoe(server);
  });

  test('bssopenapi Thaw answers -116 with HTTP 200 and Success false, returned rather than thrown', async () => {
    const reply = await bssSetResellerUserStatus(server.port, THAW);
    expect(reply).toEqual(
      expect.objectContaining({
        code: '-116',
        message: 'Fail to modify Enduser status, Quota is less than 0.',
        data: false,
        success: false,
      }),
    );
    expect(await lastAudit(server)).toEqual(expect.objectContaining({ requestId: reply.requestId, outcome: 'SEAT_LIMIT_REACHED' }));
    await expectUnchanged();
  });

  test('pop-core throws -116', async () => {
    expect((await sdkError(popCoreSetResellerUserStatus(server.port, THAW, 'POST'))).code).toBe('-116');
    await expectUnchanged();
  });

  test('CloudSSO Enabled throws QuotaExceeded.EnabledUsers, so a generic client cannot mistake it for success', async () => {
    const err = await sdkError(
      cloudSsoUpdateUserStatus(server.port, { DirectoryId: DEMO_DIRECTORY, UserId: JDOE.id, NewStatus: 'Enabled' }),
    );
    expect(err.code).toBe('QuotaExceeded.EnabledUsers');
    await expectUnchanged();
  });
});

describe('STS', () => {
  test('a security token is refused, not ignored', async () => {
    const withToken = { ...DEMO_KEY, securityToken: 'sts-token' };
    const err = await sdkError(popCoreSetResellerUserStatus(server.port, FREEZE, 'GET', withToken));
    expect(err.code).toBe('InvalidSecurityToken.NotSupported');
    const v3 = await sdkError(bssSetResellerUserStatus(server.port, FREEZE, 'v3', withToken));
    expect(v3.code).toBe('InvalidSecurityToken.NotSupported');
    await expectUnchanged();
  });
});
