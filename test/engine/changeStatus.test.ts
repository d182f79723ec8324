import { EngineError, type ChangeStatusCommand, type UserStatus } from '../../src/engine';
import {
  addUser,
  auditFor,
  DIR,
  nextRequestId,
  openHarness,
  OTHER_DIR,
  statusOf,
  ticketCredential,
  USER_PASSWORD,
  type Harness,
} from './harness';

let h: Harness;

beforeEach(async () => {
  h = await openHarness();
});
afterEach(() => h.close());

function command(userName: string, status: UserStatus, fields: Partial<ChangeStatusCommand> = {}): ChangeStatusCommand {
  return {
    requestId: nextRequestId(),
    door: 'test',
    credential: h.asAdmin,
    verb: 'ChangeUserStatus',
    target: { by: 'userName', value: userName },
    status,
    reason: 'test:ChangeUserStatus',
    ...fields,
  };
}

/** Runs a command that must be refused and hands back the engine error it was refused with. */
async function refusal(cmd: ChangeStatusCommand): Promise<EngineError> {
  const err: unknown = await h.engine.changeStatus(cmd).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof EngineError)) throw new Error(`expected an EngineError, got ${String(err)}`);
  return err;
}

describe('changeStatus', () => {
  it('disables and enables a user, keeping the reason, and audits each change once', async () => {
    await addUser(h, 'alice');

    const off = command('alice', 'disabled', { reason: 'aliyun:Freeze' });
    const disabled = await h.engine.changeStatus(off);
    expect(disabled).toMatchObject({
      before: 'enabled',
      changed: true,
      user: { status: 'disabled', statusReason: 'aliyun:Freeze', version: 2 },
    });
    expect(await statusOf(h, 'alice')).toBe('disabled');
    expect(await auditFor(h, off.requestId)).toEqual([
      expect.objectContaining({
        door: 'test',
        caller: 'admin',
        target: 'alice',
        verb: 'ChangeUserStatus',
        before: 'enabled',
        after: 'disabled',
        outcome: 'ok',
      }),
    ]);

    const on = command('alice', 'enabled', { reason: 'aliyun:Thaw' });
    expect(await h.engine.changeStatus(on)).toMatchObject({
      before: 'disabled',
      changed: true,
      user: { status: 'enabled', statusReason: 'aliyun:Thaw' },
    });
    expect(await statusOf(h, 'alice')).toBe('enabled');
    expect(await auditFor(h, on.requestId)).toEqual([expect.objectContaining({ before: 'disabled', after: 'enabled', outcome: 'ok' })]);
  });

  it('finds the target whatever the case of its user name, and audits the stored spelling', async () => {
    await addUser(h, 'Alice');
    const cmd = command('aLICE', 'disabled');
    await h.engine.changeStatus(cmd);
    expect(await statusOf(h, 'alice')).toBe('disabled');
    expect((await auditFor(h, cmd.requestId))[0].target).toBe('Alice');
  });

  it('succeeds without a change when the user already has the status, audited as unchanged', async () => {
    const alice = await addUser(h, 'alice');
    const cmd = command('alice', 'enabled', { reason: 'should-not-be-kept' });
    expect(await h.engine.changeStatus(cmd)).toMatchObject({ before: 'enabled', changed: false });
    const after = await h.engine.findUser({ by: 'userName', value: 'alice' });
    // Nothing is written: neither the reason nor the version moves.
    expect(after).toEqual(alice);
    expect(await auditFor(h, cmd.requestId)).toEqual([
      expect.objectContaining({ before: 'enabled', after: 'enabled', outcome: 'unchanged' }),
    ]);
  });

  it('refuses enabling past the seat limit, audits the refusal and changes nothing', async () => {
    await addUser(h, 'alice');
    await addUser(h, 'bob');
    await h.engine.changeStatus(command('bob', 'disabled'));
    // admin and alice hold both seats now.
    await h.engine.setSeatLimit(DIR, 2);

    const cmd = command('bob', 'enabled');
    const err = await refusal(cmd);
    expect(err.code).toBe('SEAT_LIMIT_REACHED');
    expect(err.details).toMatchObject({ directoryId: DIR, seatLimit: 2, enabled: 2 });
    expect(await statusOf(h, 'bob')).toBe('disabled');
    expect(await auditFor(h, cmd.requestId)).toEqual([
      expect.objectContaining({ caller: 'admin', target: 'bob', before: 'disabled', after: null, outcome: 'SEAT_LIMIT_REACHED' }),
    ]);

    // A freed seat can be taken.
    await h.engine.changeStatus(command('alice', 'disabled'));
    await h.engine.changeStatus(command('bob', 'enabled'));
    expect(await statusOf(h, 'bob')).toBe('enabled');
  });

  it('counts seats per directory: a full directory does not block another', async () => {
    await h.engine.addDirectory({ id: OTHER_DIR, name: 'Other', seatLimit: 1 });
    await addUser(h, 'carol', { directoryId: OTHER_DIR });
    await addUser(h, 'dave');
    await h.engine.changeStatus(command('dave', 'disabled'));
    await h.engine.changeStatus(command('carol', 'disabled'));
    await h.engine.setSeatLimit(DIR, 2);
    await h.engine.changeStatus(command('carol', 'enabled'));
    await h.engine.changeStatus(command('dave', 'enabled'));
    expect(await statusOf(h, 'dave')).toBe('enabled');
    expect(await statusOf(h, 'carol')).toBe('enabled');
  });

  it('refuses to add an enabled user to a directory whose seats are all taken', async () => {
    await h.engine.setSeatLimit(DIR, 1);
    await expect(addUser(h, 'alice')).rejects.toMatchObject({ code: 'SEAT_LIMIT_REACHED' });
    expect(await h.engine.findUser({ by: 'userName', value: 'alice' })).toBeNull();
  });

  it('refuses to disable the last enabled administrator, even for the operator', async () => {
    const cmd = command('admin', 'disabled', { credential: { kind: 'system', label: 'cli' } });
    expect((await refusal(cmd)).code).toBe('LAST_ADMIN');
    expect(await statusOf(h, 'admin')).toBe('enabled');
    expect(await auditFor(h, cmd.requestId)).toEqual([
      expect.objectContaining({ caller: 'cli', target: 'admin', before: 'enabled', outcome: 'LAST_ADMIN' }),
    ]);
  });

  it('lets one of two administrators be disabled, then refuses the other', async () => {
    await addUser(h, 'root2', { isAdmin: true });
    await h.engine.changeStatus(command('root2', 'disabled'));
    expect(await statusOf(h, 'root2')).toBe('disabled');
    // A disabled administrator does not count as the remaining one.
    expect((await refusal(command('admin', 'disabled'))).code).toBe('LAST_ADMIN');
  });

  it('denies a caller who is not an administrator, and audits the denial under the caller name', async () => {
    await addUser(h, 'alice', { password: USER_PASSWORD });
    await addUser(h, 'bob');
    const { ticket } = await h.engine.logonWithTicket('alice', USER_PASSWORD);
    const cmd = command('bob', 'disabled', { credential: ticketCredential(ticket) });
    expect((await refusal(cmd)).code).toBe('ACCESS_DENIED');
    expect(await statusOf(h, 'bob')).toBe('enabled');
    expect(await auditFor(h, cmd.requestId)).toEqual([
      expect.objectContaining({ caller: 'alice', target: 'bob', outcome: 'ACCESS_DENIED' }),
    ]);
  });

  it('refuses an unknown ticket without naming it in the audit', async () => {
    await addUser(h, 'bob');
    const secret = '00000000-0000-0000-0000-000000000000';
    const cmd = command('bob', 'disabled', { credential: ticketCredential(secret) });
    expect((await refusal(cmd)).code).toBe('SESSION_INVALID');
    const rows = await auditFor(h, cmd.requestId);
    expect(rows).toEqual([expect.objectContaining({ caller: 'ticket:unverified', target: 'bob', outcome: 'SESSION_INVALID' })]);
    expect(JSON.stringify(rows)).not.toContain(secret);
  });

  it('answers USER_NOT_FOUND for an unknown user and for a user outside the named directory', async () => {
    await h.engine.addDirectory({ id: OTHER_DIR, name: 'Other', seatLimit: null });
    await addUser(h, 'bob');
    const unknown = command('nobody', 'disabled');
    expect((await refusal(unknown)).code).toBe('USER_NOT_FOUND');
    expect(await auditFor(h, unknown.requestId)).toEqual([
      expect.objectContaining({ target: 'nobody', before: null, outcome: 'USER_NOT_FOUND' }),
    ]);

    expect((await refusal(command('bob', 'disabled', { directoryId: OTHER_DIR }))).code).toBe('USER_NOT_FOUND');
    expect((await refusal(command('bob', 'disabled', { directoryId: 'd-000000000009' }))).code).toBe('DIRECTORY_NOT_FOUND');
    expect(await statusOf(h, 'bob')).toBe('enabled');
  });
});

describe('disabling and sessions', () => {
  async function sessionsOf(userName: string) {
    const user = await addUser(h, userName, { password: USER_PASSWORD });
    const { ticket } = await h.engine.logonWithTicket(userName, USER_PASSWORD);
    const options = { lifetimeMs: 3_600_000, sliding: false, clientType: 72, maxLive: null };
    const token = (await h.engine.openSession(user.id, 'huawei-access', options)).secret;
    return { ticket, token };
  }

  it("ends the user's tickets and Huawei tokens, and only that user's", async () => {
    const alice = await sessionsOf('alice');
    const bob = await sessionsOf('bob');
    await h.engine.changeStatus(command('alice', 'disabled'));

    await expect(h.engine.findSession('ticket', alice.ticket)).rejects.toMatchObject({ code: 'SESSION_INVALID' });
    await expect(h.engine.findSession('huawei-access', alice.token)).rejects.toMatchObject({ code: 'SESSION_INVALID' });
    // Enabling again does not bring old sessions back.
    await h.engine.changeStatus(command('alice', 'enabled'));
    await expect(h.engine.findSession('ticket', alice.ticket)).rejects.toMatchObject({ code: 'SESSION_INVALID' });

    expect((await h.engine.findSession('ticket', bob.ticket)).user.userName).toBe('bob');
    expect((await h.engine.findSession('huawei-access', bob.token)).user.userName).toBe('bob');
  });

  it('keeps live sessions when the door asks for endSessions: false (Alibaba StopMode=0), authorising nothing until re-enabled', async () => {
    const alice = await sessionsOf('alice');
    await h.engine.changeStatus(command('alice', 'disabled', { endSessions: false, reason: 'aliyun:Freeze' }));
    await expect(h.engine.findSession('ticket', alice.ticket)).rejects.toMatchObject({ code: 'SESSION_INVALID' });
    await expect(h.engine.findSession('huawei-access', alice.token)).rejects.toMatchObject({ code: 'SESSION_INVALID' });
    await h.engine.changeStatus(command('alice', 'enabled'));
    expect((await h.engine.findSession('huawei-access', alice.token)).user.userName).toBe('alice');
    await h.engine.changeStatus(command('alice', 'disabled', { endSessions: false }));
    // New logons are refused all the same.
    await expect(h.engine.logonWithTicket('alice', USER_PASSWORD)).rejects.toMatchObject({ code: 'ACCOUNT_DISABLED' });
  });

  it('ends sessions kept by an earlier StopMode=0 freeze when the user is disabled again without keeping them', async () => {
    const alice = await sessionsOf('alice');
    await h.engine.changeStatus(command('alice', 'disabled', { endSessions: false }));
    const again = command('alice', 'disabled');
    expect(await h.engine.changeStatus(again)).toMatchObject({ changed: false });
    await expect(h.engine.findSession('ticket', alice.ticket)).rejects.toMatchObject({ code: 'SESSION_INVALID' });
    await expect(h.engine.findSession('huawei-access', alice.token)).rejects.toMatchObject({ code: 'SESSION_INVALID' });
    expect(await auditFor(h, again.requestId)).toEqual([expect.objectContaining({ outcome: 'unchanged' })]);
  });

  it('keeps sessions when a refused disable rolls back', async () => {
    const cmd = command('admin', 'disabled');
    expect((await refusal(cmd)).code).toBe('LAST_ADMIN');
    expect((await h.engine.findSession('ticket', h.adminTicket)).user.userName).toBe('admin');
  });
});

describe('changeStatus with a signed request nonce', () => {
  const nonce = (value: string) => ({ scope: 'aliyun:test-key', nonce: value, windowMs: 60_000 });

  it('claims the nonce with the change: the same nonce again is NONCE_REPLAYED, audited, and changes nothing', async () => {
    await addUser(h, 'bob');
    await h.engine.changeStatus(command('bob', 'disabled', { nonce: nonce('n-1') }));
    expect(await statusOf(h, 'bob')).toBe('disabled');

    const replay = command('bob', 'enabled', { nonce: nonce('n-1') });
    expect((await refusal(replay)).code).toBe('NONCE_REPLAYED');
    expect(await statusOf(h, 'bob')).toBe('disabled');
    expect(await auditFor(h, replay.requestId)).toEqual([
      expect.objectContaining({ caller: 'ticket:unverified', target: 'bob', before: null, after: null, outcome: 'NONCE_REPLAYED' }),
    ]);
  });

  it('uses the nonce up when the change is refused, though the change rolled back', async () => {
    await addUser(h, 'bob');
    const unknown = command('nobody', 'disabled', { nonce: nonce('n-2') });
    expect((await refusal(unknown)).code).toBe('USER_NOT_FOUND');
    expect(await auditFor(h, unknown.requestId)).toEqual([expect.objectContaining({ outcome: 'USER_NOT_FOUND' })]);

    const retry = command('bob', 'disabled', { nonce: nonce('n-2') });
    expect((await refusal(retry)).code).toBe('NONCE_REPLAYED');
    expect(await statusOf(h, 'bob')).toBe('enabled');
  });

  it('checks the nonce before anything else, and frees it once its window has passed', async () => {
    await addUser(h, 'bob');
    await h.engine.changeStatus(command('bob', 'disabled', { nonce: nonce('n-3') }));
    // A replay is a replay even when the rest of the request would be refused too.
    expect((await refusal(command('nobody', 'disabled', { nonce: nonce('n-3') }))).code).toBe('NONCE_REPLAYED');
    h.clock.advance(60_001);
    await h.engine.changeStatus(command('bob', 'enabled', { nonce: nonce('n-3') }));
    expect(await statusOf(h, 'bob')).toBe('enabled');
  });
});
