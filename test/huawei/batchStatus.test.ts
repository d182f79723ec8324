import type { AuditEntry } from '../../src/engine';
import { startTestServer, type TestServer } from '../kit/server';
import { JSON_TYPE, accountAuth, appAuth, batch, call, getMember, setStatus, statusOf, tokenOf } from './helpers';

/** The asmx door is built alongside; when it answers, it must see what the huawei door wrote. */
async function enabledViaAsmx(server: TestServer, userName: string): Promise<boolean | 'no asmx door'> {
  const ticket = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
  const res = await fetch(`${server.url}/srv.asmx/GetUser?AuthenticationTicket=${ticket}&UserName=${encodeURIComponent(userName)}`);
  const text = await res.text();
  if (res.status !== 200 || !text.includes('<response success="true"')) return 'no asmx door';
  const enabled = /Enabled="(TRUE|FALSE)"/.exec(text);
  if (!enabled) return 'no asmx door';
  return enabled[1] === 'TRUE';
}

async function expectStatus(server: TestServer, userName: string, thirdPartyId: string | null, enabled: boolean): Promise<void> {
  const status = enabled ? 'enabled' : 'disabled';
  expect(await statusOf(server, userName)).toBe(status);
  const byName = await getMember(server, userName, '0');
  expect(byName.status).toBe(200);
  expect(byName.json).toMatchObject({ userAccount: userName, status: enabled ? 0 : 1, thirdAccount: thirdPartyId });
  if (thirdPartyId)
    expect((await getMember(server, thirdPartyId, '1')).json).toMatchObject({ userAccount: userName, status: enabled ? 0 : 1 });
  const asmx = await enabledViaAsmx(server, userName);
  if (asmx !== 'no asmx door') expect(asmx).toBe(enabled);
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
    expect(off.headers.get('x-request-id')).toBe('my-req-id-123');
    await expectStatus(server, 'jdoe', null, false);
    await expectStatus(server, 'test010', 'test010-3p', false);
    expect(auditRows(await server.engine.listAudit({ requestId: 'my-req-id-123' }))).toEqual([
      { door: 'huawei', caller: 'admin', target: 'jdoe', before: 'enabled', after: 'disabled', outcome: 'ok' },
      { door: 'huawei', caller: 'admin', target: 'test010', before: 'enabled', after: 'disabled', outcome: 'ok' },
    ]);
    expect((await server.engine.findUser({ by: 'userName', value: 'jdoe' }))?.statusReason).toBe('huawei:member/status/1');

    const on = await batch(server, '0', null, ['JDOE', 'test010'], { token, requestId: 'on-1' });
    expect(on.status).toBe(200);
    await expectStatus(server, 'jdoe', null, true);
    await expectStatus(server, 'test010', 'test010-3p', true);
  });

  it('disables and enables by third-party id with an account-authentication token; duplicates count once', async () => {
    const token = await tokenOf(accountAuth(server, 'admin', 'Demo-Admin-2026'));
    const off = await batch(server, '1', '1', ['test010-3p', 'test010-3p'], { token });
    expect(off.status).toBe(200);
    await expectStatus(server, 'test010', 'test010-3p', false);
    const requestId = String(off.headers.get('x-request-id'));
    expect(requestId).toMatch(/^[0-9a-f]{32}$/);
    expect(auditRows(await server.engine.listAudit({ requestId }))).toEqual([
      { door: 'huawei', caller: 'admin', target: 'test010', before: 'enabled', after: 'disabled', outcome: 'ok' },
    ]);

    const on = await batch(server, '0', '1', ['test010-3p'], { token });
    expect(on.status).toBe(200);
    await expectStatus(server, 'test010', 'test010-3p', true);
  });

  it('a status a user already has is accepted and audited as unchanged', async () => {
    const reply = await batch(server, '0', '0', ['jdoe'], { requestId: 'same-1' });
    expect(reply.status).toBe(200);
    expect(auditRows(await server.engine.listAudit({ requestId: 'same-1' }))).toEqual([
      expect.objectContaining({ target: 'jdoe', before: 'enabled', after: 'enabled', outcome: 'unchanged' }),
    ]);
  });

  it('disabling a user ends that user’s tokens', async () => {
    const token = await tokenOf(accountAuth(server, 'jdoe', 'Demo-User-2026'));
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
      id: 'u-00000000test010',
      userAccount: 'test010',
      name: 'Test 010',
      email: 'test010@demo.invalid',
      thirdAccount: 'test010-3p',
      status: 0,
      adminType: 2,
      corpId: 'd-00fc2p61demo',
    });
    expect((await getMember(server, 'admin-3p', '1')).json).toMatchObject({ userAccount: 'admin', adminType: 1 });
  });
});
