import { EngineError } from '../../src/engine';
import { HUAWEI_MESSAGES } from '../../src/doors/huawei/messages';
import { startTestServer, type TestServer } from '../kit/server';
import { HAN, accountAuth, appAuth, batch, call, expectError, getMember, setStatus, statuses, tokenOf, type Reply } from './helpers';
import { DEMO, DEMO_PASSWORDS } from '../kit/demo';
import { sendChunked } from '../kit/http';

interface Refusal {
  name: string;
  status: number;
  code: string;
  /** Text the message must name besides the table's words (the unknown accounts, the limit). */
  names?: string;
  setup?: (server: TestServer) => Promise<void>;
  send: (server: TestServer, language: string | undefined) => Promise<Reply>;
}

const jdoeToken = (server: TestServer) => tokenOf(accountAuth(server, 'jdoe', DEMO_PASSWORDS.jdoe));

const REFUSALS: Refusal[] = [
  {
    name: 'an unknown account refuses the whole batch and names it',
    status: 400,
    code: 'USG.201040000',
    names: 'ghost-1, ghost-2',
    send: (s, language) => batch(s, '1', '0', ['jdoe', 'ghost-1', 'ghost-2'], { language }),
  },
  {
    name: 'an unknown third-party id refuses the whole batch',
    status: 400,
    code: 'USG.201040000',
    names: 'test010',
    send: (s, language) => batch(s, '1', '1', [DEMO.test010.thirdPartyId, 'test010'], { language }),
  },
  { name: 'an empty list', status: 400, code: 'USG.201040021', send: (s, language) => batch(s, '1', '0', [], { language }) },
  {
    name: 'a JSON object body',
    status: 400,
    code: 'USG.201040020',
    send: (s, language) => batch(s, '1', '0', { accounts: ['jdoe'] }, { language }),
  },
  { name: 'a JSON string body', status: 400, code: 'USG.201040020', send: (s, language) => batch(s, '1', '0', 'jdoe', { language }) },
  {
    name: 'no body at all',
    status: 400,
    code: 'USG.201040020',
    send: (s, language) => batch(s, '1', '0', null, { language, rawBody: '' }),
  },
  { name: 'a non-string item', status: 400, code: 'USG.201040022', send: (s, language) => batch(s, '1', '0', ['jdoe', 7], { language }) },
  { name: 'a null item', status: 400, code: 'USG.201040022', send: (s, language) => batch(s, '1', '0', ['jdoe', null], { language }) },
  {
    name: 'a body that is not JSON',
    status: 400,
    code: 'USG.000000020',
    send: (s, language) => batch(s, '1', '0', null, { language, rawBody: '["jdoe"' }),
  },
  { name: 'status value 2', status: 400, code: 'USG.201040024', send: (s, language) => batch(s, '2', '0', ['jdoe'], { language }) },
  {
    name: 'status value "disabled"',
    status: 400,
    code: 'USG.201040024',
    send: (s, language) => batch(s, 'disabled', '0', ['jdoe'], { language }),
  },
  { name: 'accountType 2', status: 400, code: 'USG.201040025', send: (s, language) => batch(s, '1', '2', ['jdoe'], { language }) },
  { name: 'an empty accountType', status: 400, code: 'USG.201040025', send: (s, language) => batch(s, '1', '', ['jdoe'], { language }) },
  {
    name: 'a list one longer than huaweiMaxBatchAccounts (3 here)',
    status: 400,
    code: 'USG.201040023',
    names: '3',
    send: (s, language) => batch(s, '1', '0', ['jdoe', 'test010', 'jdoe', 'test010'], { language }),
  },
  {
    name: 'the seat limit',
    status: 400,
    code: 'USG.201040004',
    setup: async (s) => {
      await setStatus(s, 'jdoe', 'disabled');
      await setStatus(s, 'test010', 'disabled');
      await s.engine.setSeatLimit(DEMO.directory.id, 2);
    },
    send: (s, language) => batch(s, '0', '0', ['jdoe', 'test010'], { language }),
  },
  {
    name: 'disabling the last enabled administrator',
    status: 400,
    code: 'USG.201040005',
    send: (s, language) => batch(s, '1', '0', ['jdoe', 'admin'], { language }),
  },
  {
    name: 'a caller who is not an administrator',
    status: 403,
    code: 'USG.000000005',
    send: async (s, language) => batch(s, '1', '0', ['test010'], { language, token: await jdoeToken(s) }),
  },
  {
    name: 'no X-Access-Token',
    status: 401,
    code: 'USG.000000004',
    send: (s, language) => batch(s, '1', '0', ['jdoe'], { language, token: null }),
  },
  {
    name: 'an unknown X-Access-Token',
    status: 401,
    code: 'USG.000000004',
    send: (s, language) => batch(s, '1', '0', ['jdoe'], { language, token: 'stbNotARealToken000000000000000000' }),
  },
  {
    name: 'a body larger than maxBodyBytes (1024 here)',
    status: 413,
    code: 'USG.000000021',
    send: (s, language) =>
      batch(
        s,
        '1',
        '0',
        Array.from({ length: 200 }, (_, i) => `user-${i}`),
        { language },
      ),
  },
  {
    name: 'an unexpected error: INTERNAL, no detail on the wire',
    status: 500,
    code: 'USG.000000010',
    setup: async (s) => {
      jest.spyOn(s.engine, 'changeStatusBatch').mockRejectedValue(new Error('boom in /some/secret/path'));
    },
    send: (s, language) => batch(s, '1', '0', ['jdoe'], { language }),
  },
  {
    name: 'the database unavailable',
    status: 503,
    code: 'USG.000000009',
    setup: async (s) => {
      jest.spyOn(s.engine, 'changeStatusBatch').mockRejectedValue(new EngineError('STORE_UNAVAILABLE'));
    },
    send: (s, language) => batch(s, '1', '0', ['jdoe'], { language }),
  },
  { name: 'an unknown member', status: 400, code: 'USG.201040000', send: (s, language) => getMember(s, 'ghost', '0', undefined, language) },
  {
    name: 'App ID authentication with a wrong signature',
    status: 401,
    code: 'USG.000000024',
    send: (s, language) => appAuth(s, { signature: 'ab'.repeat(32) }, language),
  },
  {
    name: 'App ID authentication whose access names another app',
    status: 401,
    code: 'USG.000000024',
    send: (s, language) => appAuth(s, { access: Buffer.from('other-app').toString('base64') }, language),
  },
  {
    name: 'App ID authentication with a short nonce',
    status: 400,
    code: 'USG.000000022',
    send: (s, language) => appAuth(s, { nonce: 'short' }, language),
  },
  {
    name: 'App ID authentication of an unknown app',
    status: 401,
    code: 'USG.000000008',
    send: (s, language) => appAuth(s, { appId: 'no-such-app' }, language),
  },
  {
    name: 'account authentication without Basic credentials',
    status: 401,
    code: 'USG.000000023',
    send: (s, language) =>
      call(s, 'POST', '/v1/usg/acs/auth/account', {
        headers: { Authorization: 'Bearer x', ...(language ? { 'Accept-Language': language } : {}) },
        body: '{}',
      }),
  },
  {
    name: 'a path that is not valid percent-encoding',
    status: 400,
    code: 'USG.000000022',
    send: (s, language) =>
      call(s, 'GET', '/v1/usg/dcs/corp/member/%E0%A4%A?accountType=0', {
        headers: { 'X-Access-Token': DEMO.huaweiToken, ...(language ? { 'Accept-Language': language } : {}) },
      }),
  },
  {
    name: 'an API the door does not have',
    status: 404,
    code: 'USG.000000026',
    send: (s, language) => call(s, 'GET', '/v1/usg/no/such/api', { headers: language ? { 'Accept-Language': language } : {} }),
  },
];

describe('huawei door: every refusal, in both languages, changes nothing', () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startTestServer({ huaweiMaxBatchAccounts: 3, maxBodyBytes: 1024 });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await server.stop();
  });

  it.each(REFUSALS.map((r) => [r.name, r] as const))('%s', async (_name, refusal) => {
    await refusal.setup?.(server);
    const before = await statuses(server);
    const messages = HUAWEI_MESSAGES[refusal.code];

    const zh = await refusal.send(server, undefined);
    expectError(zh, refusal.status, refusal.code);
    expect(String(zh.json?.error_msg).startsWith(messages['zh-CN'])).toBe(true);
    expect(zh.json?.error_msg).toMatch(HAN);

    const en = await refusal.send(server, 'en-US');
    expectError(en, refusal.status, refusal.code);
    expect(String(en.json?.error_msg).startsWith(messages['en-US'])).toBe(true);
    expect(en.json?.error_msg).not.toMatch(HAN);
    expect(JSON.stringify(en.json)).not.toMatch(/boom|secret|\bat \w+ \(/);

    if (refusal.names) {
      expect(zh.json?.error_msg).toContain(refusal.names);
      expect(en.json?.error_msg).toContain(refusal.names);
    }
    expect(await statuses(server)).toEqual(before);
  });

  it('an explicit zh-CN gets Chinese, and the request id is the caller’s', async () => {
    const reply = await batch(server, '1', '0', ['ghost'], { language: 'zh-CN', requestId: 'my-req-id-123' });
    expectError(reply, 400, 'USG.201040000');
    expect(reply.json).toEqual({ error_code: 'USG.201040000', error_msg: '用户不存在：ghost', request_id: 'my-req-id-123' });
    expect(reply.headers.get('x-request-id')).toBe('my-req-id-123');
  });

  it('a refused batch leaves one audit row per named account, sharing the request id', async () => {
    const refused = await batch(server, '1', '0', ['jdoe', 'ghost']);
    const rows = await server.engine.listAudit({ requestId: String(refused.headers.get('x-request-id')) });
    expect(rows.map((r) => [r.door, r.target, r.outcome])).toEqual([
      ['huawei', 'jdoe', 'USER_NOT_FOUND'],
      ['huawei', 'ghost', 'USER_NOT_FOUND'],
    ]);
    const refusedAgain = await batch(server, '7', '0', ['jdoe']);
    expect(
      (await server.engine.listAudit({ requestId: String(refusedAgain.headers.get('x-request-id')) })).map((r) => [
        r.door,
        r.target,
        r.outcome,
      ]),
    ).toEqual([['huawei', 'jdoe', 'USG.201040024']]);
  });

  it('a list exactly huaweiMaxBatchAccounts long is accepted', async () => {
    expect((await batch(server, '1', '0', ['jdoe', 'test010', 'JDOE'])).status).toBe(200);
  });
});

describe('huawei door: member detail refusals', () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(() => server.stop());

  it('refuses a caller who is not an administrator, a bad accountType and a missing token', async () => {
    const token = await tokenOf(accountAuth(server, 'jdoe', DEMO_PASSWORDS.jdoe));
    expectError(await getMember(server, 'test010', '0', token), 403, 'USG.000000005');
    expectError(await getMember(server, 'test010', '5'), 400, 'USG.201040025');
    expectError(await call(server, 'GET', '/v1/usg/dcs/corp/member/test010'), 401, 'USG.000000004');
  });
});

describe('huawei door: a chunked body', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ maxBodyBytes: 1024 });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('that grows past maxBodyBytes is refused with the same 413 JSON error, and nothing changes', async () => {
    const before = await statuses(server);
    const answer = await sendChunked(server, '/v1/usg/dcs/corp/member/status/1', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', 'X-Access-Token': DEMO.huaweiToken, 'Accept-Language': 'en-US' },
      chunks: ['["jdoe"', ...[0, 1, 2, 3].map(() => `,"${'x'.repeat(400)}"`), ']'],
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toEqual(
      expect.objectContaining({ error_code: 'USG.000000021', error_msg: 'The request body is too large: 1024' }),
    );
    expect(await statuses(server)).toEqual(before);
  });
});
