import { CUT_MARK } from '../../src/engine/auditBounds';
import { sendRaw } from '../kit/http';
import { startTestServer, type TestServer } from '../kit/server';
import { batch, expectError, statuses } from './helpers';

/**
 * Findings 2 and 3: a refusal of an unproven or malformed request is one bounded audit row, an
 * over-long list is one row whoever sent it, and no audit field passes auditFieldMaxChars.
 */
let server: TestServer;

beforeAll(async () => {
  // Bodies large enough for the lists an attacker would send.
  server = await startTestServer({ maxBodyBytes: 4 * 1024 * 1024 });
});

afterAll(async () => {
  await server.stop();
});

const names = (count: number, prefix = 'ghost'): string[] => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

async function rowsOf(reply: { headers: Map<string, string> }) {
  const requestId = reply.headers.get('x-request-id');
  expect(requestId).toBeTruthy();
  return server.engine.listAudit({ requestId: requestId as string, limit: 1_000_000 });
}

function expectBounded(rows: { target: string; caller: string; verb: string }[], max = 1024): void {
  for (const row of rows) for (const field of [row.target, row.caller, row.verb]) expect(field.length).toBeLessThanOrEqual(max);
}

describe('refusals write one bounded row per request unless the caller is proven', () => {
  it('a batch of 120,000 names without a token is one row, cut and marked', async () => {
    const before = await statuses(server);
    const reply = await batch(server, '1', null, names(120_000), { token: null });
    expectError(reply, 400, 'USG.201040023');
    const rows = await rowsOf(reply);
    expect(rows).toHaveLength(1);
    expect(rows[0].target.startsWith('120000 accounts: ghost0,ghost1,')).toBe(true);
    expect(rows[0].target.endsWith(CUT_MARK)).toBe(true);
    expectBounded(rows);
    expect(await statuses(server)).toEqual(before);
  });

  it('a list under the limit without a token, or with a bogus one, is one row', async () => {
    for (const token of [null, 'not-a-token']) {
      const reply = await batch(server, '1', null, names(500), { token });
      expectError(reply, 401, 'USG.000000004');
      const rows = await rowsOf(reply);
      expect(rows).toHaveLength(1);
      expect(rows[0].target.startsWith('500 accounts: ghost0,')).toBe(true);
      expectBounded(rows);
    }
  });

  it('an over-long list is one row even from the administrator', async () => {
    const reply = await batch(server, '1', null, names(1001));
    expectError(reply, 400, 'USG.201040023');
    expect(await rowsOf(reply)).toHaveLength(1);
  });

  it('an authenticated caller naming unknown accounts still gets a row per account', async () => {
    const reply = await batch(server, '1', null, names(3, 'nobody'));
    expectError(reply, 400, 'USG.201040000');
    expect((await rowsOf(reply)).map((row) => row.target)).toEqual(['nobody0', 'nobody1', 'nobody2']);
  });
});

describe('every audit field has a bound', () => {
  it('a 500 KB account name with a bogus token leaves a row of at most 1,024 characters per field, marked as cut', async () => {
    const reply = await batch(server, '1', null, ['x'.repeat(500_000)], { token: 'bogus' });
    expectError(reply, 401, 'USG.000000004');
    const rows = await rowsOf(reply);
    expect(rows).toHaveLength(1);
    expect(rows[0].target).toHaveLength(1024);
    expect(rows[0].target.endsWith(CUT_MARK)).toBe(true);
  });

  it('an asmx form POST with a bogus ticket and a 500 KB UserName is bounded too', async () => {
    await sendRaw(server.port, {
      method: 'POST',
      target: '/srv.asmx/ChangeUserStatus',
      headers: [['Content-Type', 'application/x-www-form-urlencoded']],
      body: Buffer.from(`authenticationTicket=bogus&UserName=${'y'.repeat(500_000)}&StatusCode=0`),
    });
    const rows = (await server.engine.listAudit()).filter((row) => row.target.startsWith('yyyyyyyy'));
    expect(rows).toHaveLength(1);
    expect(rows[0].target).toHaveLength(1024);
    expect(rows[0].target.endsWith(CUT_MARK)).toBe(true);
  });
});

describe('STATUSBRIDGE_AUDIT_FIELD_MAX_CHARS at its edge', () => {
  let small: TestServer;

  beforeAll(async () => {
    small = await startTestServer({ auditFieldMaxChars: 64 });
  });

  afterAll(async () => {
    await small.stop();
  });

  it('keeps a field of exactly the bound whole and cuts one character more', async () => {
    for (const [length, cut] of [
      [64, false],
      [65, true],
    ] as const) {
      const name = 'z'.repeat(length);
      const reply = await batch(small, '1', null, [name], { token: 'bogus' });
      const rows = await small.engine.listAudit({ requestId: reply.headers.get('x-request-id') as string });
      expect(rows).toHaveLength(1);
      expect(rows[0].target).toHaveLength(64);
      expect(rows[0].target === name).toBe(!cut);
      expect(rows[0].target.endsWith(CUT_MARK)).toBe(cut);
    }
  });
});
