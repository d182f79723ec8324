import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256Hex } from '../../src/engine';
import { addUser, ADMIN_PASSWORD, openHarness, SMALL_SETTINGS, spendNonce, USER_PASSWORD, type Harness } from './harness';

const lifetime = SMALL_SETTINGS.ticketLifetimeMs as number;

describe('tickets', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    await addUser(h, 'alice', { password: USER_PASSWORD });
  });
  afterEach(() => h.close());

  it('issues a ticket that names its user and expires one lifetime after issue', async () => {
    const { ticket, session } = await h.engine.logonWithTicket('alice', USER_PASSWORD);
    expect(ticket).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(session.expiresAt).toBe(h.clock.read() + lifetime);
    expect((await h.engine.findSession('ticket', ticket)).user.userName).toBe('alice');
  });

  it('expires an unused ticket after its lifetime', async () => {
    const { ticket } = await h.engine.logonWithTicket('alice', USER_PASSWORD);
    h.clock.advance(lifetime - 1);
    expect((await h.engine.findSession('ticket', ticket)).user.userName).toBe('alice');
    // That use slid the expiry; leave it unused for a whole lifetime now.
    h.clock.advance(lifetime);
    await expect(h.engine.findSession('ticket', ticket)).rejects.toMatchObject({ code: 'SESSION_INVALID' });
  });

  it('slides: a ticket used within each lifetime lives well past its first expiry', async () => {
    const { ticket } = await h.engine.logonWithTicket('alice', USER_PASSWORD);
    for (let step = 0; step < 5; step++) {
      h.clock.advance(lifetime / 2);
      expect((await h.engine.findSession('ticket', ticket)).user.userName).toBe('alice');
    }
    // Two and a half lifetimes after issue, still alive because it was used.
    const { session } = await h.engine.findSession('ticket', ticket);
    expect(session.expiresAt).toBe(h.clock.read() + lifetime);
  });

  it('slides a ticket whose lifetime is under a minute too', async () => {
    await h.close();
    h = await openHarness({ settings: { ticketLifetimeMs: 30_000 } });
    const { ticket } = await h.engine.logonWithTicket('admin', ADMIN_PASSWORD);
    for (let step = 0; step < 5; step++) {
      h.clock.advance(20_000);
      expect((await h.engine.findSession('ticket', ticket)).user.userName).toBe('admin');
    }
    h.clock.advance(30_000);
    await expect(h.engine.findSession('ticket', ticket)).rejects.toMatchObject({ code: 'SESSION_INVALID' });
  });

  it('ends a ticket on endSession; the ticket is then invalid and cannot be ended twice', async () => {
    const { ticket } = await h.engine.logonWithTicket('alice', USER_PASSWORD);
    await h.engine.endSession('ticket', ticket);
    await expect(h.engine.findSession('ticket', ticket)).rejects.toMatchObject({ code: 'SESSION_INVALID' });
    await expect(h.engine.endSession('ticket', ticket)).rejects.toMatchObject({ code: 'SESSION_INVALID' });
    // Another session of the same user is untouched.
    const again = await h.engine.logonWithTicket('alice', USER_PASSWORD);
    expect((await h.engine.findSession('ticket', again.ticket)).user.userName).toBe('alice');
  });

  it('does not accept a ticket as a Huawei token: kinds are separate', async () => {
    const { ticket } = await h.engine.logonWithTicket('alice', USER_PASSWORD);
    await expect(h.engine.findSession('huawei-access', ticket)).rejects.toMatchObject({ code: 'SESSION_INVALID' });
  });

  it('purgeExpired removes expired sessions and nonces and keeps live ones', async () => {
    const { ticket: old } = await h.engine.logonWithTicket('alice', USER_PASSWORD);
    await spendNonce(h.engine, 'scope', 'n-old', 60_000);
    h.clock.advance(lifetime);
    const { ticket: fresh } = await h.engine.logonWithTicket('alice', USER_PASSWORD);
    await spendNonce(h.engine, 'scope', 'n-fresh', 60_000);

    // Harness admin ticket and 'old' are past expiry; 'n-old' too.
    expect(await h.engine.purgeExpired()).toEqual({ sessions: 2, nonces: 1 });
    expect(await h.engine.purgeExpired()).toEqual({ sessions: 0, nonces: 0 });
    await expect(h.engine.findSession('ticket', old)).rejects.toMatchObject({ code: 'SESSION_INVALID' });
    expect((await h.engine.findSession('ticket', fresh)).user.userName).toBe('alice');
    await expect(spendNonce(h.engine, 'scope', 'n-fresh', 60_000)).rejects.toMatchObject({ code: 'NONCE_REPLAYED' });
  });
});

describe('nonces', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
  });
  afterEach(() => h.close());

  it('refuses a nonce replayed within its window and accepts it once the window has passed', async () => {
    await spendNonce(h.engine, 'aliyun:testAccessKeyId', 'nonce-1', 60_000);
    h.clock.advance(59_999);
    await expect(spendNonce(h.engine, 'aliyun:testAccessKeyId', 'nonce-1', 60_000)).rejects.toMatchObject({ code: 'NONCE_REPLAYED' });
    h.clock.advance(1);
    await spendNonce(h.engine, 'aliyun:testAccessKeyId', 'nonce-1', 60_000);
    // Claimed again: a fresh window starts.
    await expect(spendNonce(h.engine, 'aliyun:testAccessKeyId', 'nonce-1', 60_000)).rejects.toMatchObject({ code: 'NONCE_REPLAYED' });
  });

  it('keeps scopes apart: one caller cannot use up another caller nonce', async () => {
    await spendNonce(h.engine, 'scope-a', 'same', 60_000);
    await spendNonce(h.engine, 'scope-b', 'same', 60_000);
    await expect(spendNonce(h.engine, 'scope-a', 'same', 60_000)).rejects.toMatchObject({ code: 'NONCE_REPLAYED' });
  });
});

describe('secrets at rest', () => {
  let dir: string;
  let h: Harness;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'statusbridge-engine-'));
    h = await openHarness({ path: join(dir, 'engine.db') });
  });
  afterEach(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Every text value of every row of a table, read by a second connection as an intruder would. */
  function dump(table: string): string {
    const db = new Database(join(dir, 'engine.db'), { readonly: true });
    try {
      return JSON.stringify(db.prepare(`SELECT * FROM ${table}`).all());
    } finally {
      db.close();
    }
  }

  it('stores tickets and tokens only as sha256 hashes', async () => {
    const user = await addUser(h, 'alice', { password: USER_PASSWORD });
    const { ticket } = await h.engine.logonWithTicket('alice', USER_PASSWORD);
    const options = { lifetimeMs: 60_000, sliding: false, clientType: 72, maxLive: null };
    const { secret: token } = await h.engine.openSession(user.id, 'huawei-access', options);

    const sessions = dump('sessions');
    for (const secret of [ticket, token, h.adminTicket]) {
      expect(sessions).not.toContain(secret);
      expect(sessions).toContain(sha256Hex(secret));
    }
    // Nor anywhere else in the database file's tables.
    for (const table of ['users', 'audit', 'nonces']) expect(dump(table)).not.toContain(ticket);
  });

  it('stores passwords as salted scrypt hashes, never in clear', async () => {
    await addUser(h, 'alice', { password: USER_PASSWORD });
    await addUser(h, 'bob', { password: USER_PASSWORD });
    const users = dump('users');
    expect(users).not.toContain(USER_PASSWORD);
    expect(users).not.toContain(ADMIN_PASSWORD);
    const hashes = [
      await h.engine.findUser({ by: 'userName', value: 'alice' }),
      await h.engine.findUser({ by: 'userName', value: 'bob' }),
    ].map((u) => u?.passwordHash);
    for (const hash of hashes) expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    // One password, two salts: two different hashes.
    expect(hashes[0]).not.toBe(hashes[1]);
  });

  it('stores nonces only as hashes', async () => {
    await spendNonce(h.engine, 'scope', 'visible-nonce-value', 60_000);
    expect(dump('nonces')).not.toContain('visible-nonce-value');
  });
});
