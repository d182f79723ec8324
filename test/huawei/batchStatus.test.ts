import type { AuditEntry } from '../../src/engine';
import { startTestServer, type TestServer } from '../kit/server';
import { JSON_TYPE, accountAuth, appAuth, batch, call, getMember, setStatus, statusOf, tokenOf } from './helpers';
import { asmxStatus } from '../kit/asmx';
import { DEMO, DEMO_PASSWORDS } from '../kit/demo';

async function expectStatus(server: TestServer, userName: string, thirdPartyId: string | null, enabled: boolean): Promise<void> {
  const status = enabled ? 'enabled' : 'disabled';
  expect(await statusOf(server, userName)).toBe(status);
  const byName = await getMember(server, userName, '0');
  expect(byName.status).toBe(200);
  expect(byName.json).toMatchObject({ userAccount: userName, status: enabled ? 0 : 1, thirdAccount: thirdPartyId });
  if (thirdPartyId)
    expect((await getMember(server, thirdPartyId, '1')).json).toMatchObject({ userAccount: userName, status: enabled ? 0 : 1 });
  expect(await asmxStatus(server, userName)).toBe(status);
}

function auditRows(rows: AuditEntry[]) {
  return rows.map(({ door, caller, target, before, after, outcome }) => ({ door, caller, target, before, after, outcome }));
}

describe('huawei door: batch status changes', () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(() => server.stop());

  it('disables and enables by user name with an App ID token, as the captured request does', async () => {
    const token = await tokenOf(appAuth(server));
    const off = await batch(server, '1', '0', ['jdoe', 'test010'], { token, requestId: 'my-req-id-123', language: 'en-US' });
    expect(off.status).toBe(200);
    expect(off.text).toBe('');
    expect(off.headers.get('content-type')).toBe(JSON_TYPE);
    // The caller's id comes back, as Huawei's SDKs expect; the audit keeps an id of ours, unique to the request.
    expect(off.headers.get('x-request-id')).toBe('my-req-id-123');
    await expectStatus(server, 'jdoe', null, false);
    await expectStatus(server, 'test010', DEMO.test010.thirdPartyId, false);
    const rows = (await server.engine.listAudit({ door: 'huawei' })).filter((row) => row.after === 'disabled');
    expect(new Set(rows.map((row) => row.requestId))).toEqual(new Set([expect.stringMatching(/^[0-9a-f]{32}$/)]));
    expect(auditRows(rows)).toEqual([
      { door: 'huawei', caller: 'admin', target: 'jdoe', before: 'enabled', after: 'disabled', outcome: 'ok' },
      { door: 'huawei', caller: 'admin', target: 'test010', before: 'enabled', after: 'disabled', outcome: 'ok' },
    ]);
    expect((await server.engine.findUser({ by: 'userName', value: 'jdoe' }))?.statusReason).toBe('huawei:member/status/1');

    const on = await batch(server, '0', null, ['JDOE', 'test010'], { token, requestId: 'on-1' });
    expect(on.status).toBe(200);
    await expectStatus(server, 'jdoe', null, true);
    await expectStatus(server, 'test010', DEMO.test010.thirdPartyId, true);
  });

  it('disables and enables by third-party id with an account-authentication token; duplicates count once', async () => {
    const token = await tokenOf(accountAuth(server, 'admin', DEMO.admin.password));
    const off = await batch(server, '1', '1', [DEMO.test010.thirdPartyId, DEMO.test010.thirdPartyId], { token });
    expect(off.status).toBe(200);
    await expectStatus(server, 'test010', DEMO.test010.thirdPartyId, false);
    const requestId = String(off.headers.get('x-request-id'));
    expect(requestId).toMatch(/^[0-9a-f]{32}$/);
    expect(auditRows(await server.engine.listAudit({ requestId }))).toEqual([
      { door: 'huawei', caller: 'admin', target: 'test010', before: 'enabled', after: 'disabled', outcome: 'ok' },
    ]);

    const on = await batch(server, '0', '1', [DEMO.test010.thirdPartyId], { token });
    expect(on.status).toBe(200);
    await expectStatus(server, 'test010', DEMO.test010.thirdPartyId, true);
  });

  it('a status a user already has is accepted and audited as unchanged', async () => {
    const reply = await batch(server, '0', '0', ['jdoe']);
    expect(reply.status).toBe(200);
    expect(auditRows(await server.engine.listAudit({ requestId: String(reply.headers.get('x-request-id')) }))).toEqual([
      expect.objectContaining({ target: 'jdoe', before: 'enabled', after: 'enabled', outcome: 'unchanged' }),
    ]);
  });

  it('disabling a user ends that user’s tokens', async () => {
    const token = await tokenOf(accountAuth(server, 'jdoe', DEMO_PASSWORDS.jdoe));
    await setStatus(server, 'jdoe', 'disabled');
    await setStatus(server, 'jdoe', 'enabled');
    const reply = await call(server, 'POST', '/v1/usg/acs/token/validate', { body: JSON.stringify({ token, needGenNewToken: false }) });
    expect(reply.status).toBe(401);
  });

  it('reads one member by user name (accountType defaults to 0) and by third-party id', async () => {
    const byName = await getMember(server, 'test010', null);
    expect(byName.status).toBe(200);
    expect(byName.headers.get('content-type')).toBe(JSON_TYPE);
    expect(byName.json).toEqual({
      id: DEMO.test010.id,
      userAccount: 'test010',
      name: 'Test 010',
      email: 'test010@demo.invalid',
      thirdAccount: DEMO.test010.thirdPartyId,
      status: 0,
      adminType: 2,
      corpId: DEMO.directory.id,
    });
    expect((await getMember(server, DEMO.admin.thirdPartyId as string, '1')).json).toMatchObject({ userAccount: 'admin', adminType: 1 });
  });
});
