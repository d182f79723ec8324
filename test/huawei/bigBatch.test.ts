import { startTestServer, type TestServer } from '../kit/server';
import { batch } from './helpers';

const ACCOUNTS = 10_000;

describe('huawei door: a batch of 10,000 accounts', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ huaweiMaxBatchAccounts: 20_000 });
    const directory = await server.engine.addDirectory({ name: 'Load', seatLimit: null });
    const names = Array.from({ length: ACCOUNTS }, (_, i) => `load-${String(i).padStart(5, '0')}`);
    // Without a password addUser skips scrypt; a few at a time keeps the event loop busy without piling up.
    for (let i = 0; i < names.length; i += 50) {
      await Promise.all(names.slice(i, i + 50).map((userName) => server.engine.addUser({ userName, directoryId: directory.id })));
    }
  }, 120_000);
  afterAll(() => server.stop());

  /** Each test sets the statuses it starts from, so neither depends on what the other left. */
  async function loadAccounts(status: '0' | '1'): Promise<string[]> {
    const names = (await server.engine.listUsers()).map((u) => u.userName).filter((n) => n.startsWith('load-'));
    expect(names).toHaveLength(ACCOUNTS);
    expect((await batch(server, status, '0', names, { requestId: `load-setup-${status}-${Date.now()}` })).status).toBe(200);
    return names;
  }

  it('applies in one transaction, audited per account under one request id', async () => {
    const names = await loadAccounts('0');

    const started = process.hrtime.bigint();
    const reply = await batch(server, '1', '0', names);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`huawei batch of ${ACCOUNTS} accounts (disable): ${ms.toFixed(0)} ms`);

    expect(reply.status).toBe(200);
    const users = await server.engine.listUsers();
    expect(users.filter((u) => u.userName.startsWith('load-') && u.status === 'disabled')).toHaveLength(ACCOUNTS);
    // Audit rows carry our id for the request (its X-Request-Id reply header), never the caller's.
    const audit = await server.engine.listAudit({ requestId: String(reply.headers.get('x-request-id')) });
    expect(audit).toHaveLength(ACCOUNTS);
    expect(new Set(audit.map((r) => r.door))).toEqual(new Set(['huawei']));
    expect(new Set(audit.map((r) => r.outcome))).toEqual(new Set(['ok']));
  }, 120_000);

  it('refuses all 10,000 when one account is unknown, changing none', async () => {
    const names = await loadAccounts('1');
    const reply = await batch(server, '0', '0', [...names.slice(1), 'load-ghost'], { requestId: 'load-ghost' });
    expect(reply.status).toBe(400);
    expect(reply.json?.error_code).toBe('USG.201040000');
    expect(reply.json?.error_msg).toContain('load-ghost');
    const users = await server.engine.listUsers();
    expect(users.filter((u) => u.userName.startsWith('load-') && u.status === 'enabled')).toHaveLength(0);
  }, 120_000);
});
