import { startTestServer, type TestServer } from '../kit/server';
import { DEMO_DIRECTORY, FREEZE, jdoe, JDOE } from './helpers';
import { bssSetResellerUserStatus, cloudSsoUpdateUserStatus, sdkError, type AccessKeyPair, type SdkError } from './sdkClients';

/**
 * Finding 12: a policy-restricted key naming a user outside its policy learns nothing of whether
 * the user exists, and the refusal names only what the request sent.
 */
let server: TestServer;
let restricted: AccessKeyPair;

beforeAll(async () => {
  server = await startTestServer();
  const key = await server.engine.createAccessKey({
    userName: 'admin',
    id: 'LTAIelsewhere',
    secret: 'LTAIelsewhere-secret',
    policy: {
      actions: ['bssapi:SetResellerUserStatus', 'cloudsso:UpdateUserStatus'],
      resources: ['acs:cloudsso:*:*:directory/d-elsewhere/user/*'],
    },
  });
  restricted = { accessKeyId: key.id, accessKeySecret: key.secret };
});

afterAll(async () => {
  await server.stop();
});

/** What tells one refusal from another, with the parts that name the request set aside. */
function shape(err: SdkError): unknown {
  return { code: err.code, status: err.statusCode, type: err.accessDeniedDetail?.NoPermissionType };
}

function expectNoInternalId(err: SdkError): void {
  expect(JSON.stringify(err)).not.toContain(JDOE.id);
}

test('BSS: an unknown and a known OwnerId outside the policy get the same 403, naming the OwnerId as sent', async () => {
  const unknown = await sdkError(bssSetResellerUserStatus(server.port, { ...FREEZE, OwnerId: '999' }, 'v3', restricted));
  const known = await sdkError(bssSetResellerUserStatus(server.port, FREEZE, 'v3', restricted));
  expect(shape(unknown)).toEqual({ code: 'NoPermission', status: 403, type: 'ImplicitDeny' });
  expect(shape(known)).toEqual(shape(unknown));
  expect(unknown.accessDeniedDetail?.AuthResource).toBe('ownerId:999');
  expect(known.accessDeniedDetail?.AuthResource).toBe(`ownerId:${JDOE.ownerId}`);
  expectNoInternalId(known);
  expect((await jdoe(server)).status).toBe('enabled');
});

test('CloudSSO: unknown user, known user and unknown directory outside the policy get the same 403', async () => {
  const call = (DirectoryId: string, UserId: string) =>
    sdkError(cloudSsoUpdateUserStatus(server.port, { DirectoryId, UserId, NewStatus: 'Disabled' }, { key: restricted }));
  const known = await call(DEMO_DIRECTORY, JDOE.id);
  const unknown = await call(DEMO_DIRECTORY, 'u-nobody');
  const noDirectory = await call('d-nowhere', 'u-nobody');
  expect(shape(known)).toEqual({ code: 'NoPermission', status: 403, type: 'ImplicitDeny' });
  expect(shape(unknown)).toEqual(shape(known));
  expect(shape(noDirectory)).toEqual(shape(known));
  expect(unknown.accessDeniedDetail?.AuthResource).toBe(
    `acs:cloudsso:cn-hangzhou:1000000000000001:directory/${DEMO_DIRECTORY}/user/u-nobody`,
  );
  expect((await jdoe(server)).status).toBe('enabled');
});

test('an unrestricted key still learns that a user does not exist', async () => {
  const err = await sdkError(bssSetResellerUserStatus(server.port, { ...FREEZE, OwnerId: '999' }));
  expect(err.code).toBe('EntityNotExists.User');
});
