import { EngineError, type ChangeStatusBatchCommand, type UserStatus } from '../../src/engine';
import { addUser, auditFor, DIR, nextRequestId, openHarness, statusOf, USER_PASSWORD, type Harness } from './harness';

let h: Harness;

beforeEach(async () => {
  h = await openHarness();
  await addUser(h, 'alice', { thirdPartyId: 'alice-3p' });
  await addUser(h, 'Bob', { thirdPartyId: 'bob-3p' });
  await addUser(h, 'carol');
});
afterEach(() => h.close());

function batch(accounts: string[], status: UserStatus, fields: Partial<ChangeStatusBatchCommand> = {}): ChangeStatusBatchCommand {
  return {
    requestId: nextRequestId(),
    door: 'huawei',
    credential: h.asAdmin,
    verb: 'UpdateStatus',
    by: 'userName',
    accounts,
    status,
    reason: 'huawei:status',
    ...fields,
  };
}

async function refusal(cmd: ChangeStatusBatchCommand): Promise<EngineError> {
  const err: unknown = await h.engine.changeStatusBatch(cmd).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof EngineError)) throw new Error(`expected an EngineError, got ${String(err)}`);
  return err;
}

const statuses = async (): Promise<(UserStatus | undefined)[]> => [
  await statusOf(h, 'alice'),
  await statusOf(h, 'bob'),
  await statusOf(h, 'carol'),
];

describe('changeStatusBatch', () => {
  it('changes every named account, writing one audit row per account', async () => {
    const cmd = batch(['alice', 'Bob'], 'disabled');
    expect(await h.engine.changeStatusBatch(cmd)).toEqual({ accounts: ['alice', 'Bob'], changed: 2, unchanged: 0 });
    expect(await statuses()).toEqual(['disabled', 'disabled', 'enabled']);
    const rows = await auditFor(h, cmd.requestId);
    expect(rows.map((r) => [r.target, r.before, r.after, r.outcome]).sort()).toEqual([
      ['Bob', 'enabled', 'disabled', 'ok'],
      ['alice', 'enabled', 'disabled', 'ok'],
    ]);
    expect((await h.engine.findUser({ by: 'userName', value: 'alice' }))?.statusReason).toBe('huawei:status');
  });

  it('compares user names case-insensitively and counts duplicates once', async () => {
    const cmd = batch(['ALICE', 'alice', 'bob', 'BOB', 'Alice'], 'disabled');
    expect(await h.engine.changeStatusBatch(cmd)).toEqual({ accounts: ['ALICE', 'bob'], changed: 2, unchanged: 0 });
    expect(await auditFor(h, cmd.requestId)).toHaveLength(2);
  });

  it('addresses accounts by third-party id when asked, where case matters', async () => {
    const cmd = batch(['bob-3p', 'bob-3p'], 'disabled', { by: 'thirdPartyId' });
    expect(await h.engine.changeStatusBatch(cmd)).toEqual({ accounts: ['bob-3p'], changed: 1, unchanged: 0 });
    expect(await statuses()).toEqual(['enabled', 'disabled', 'enabled']);
    expect((await refusal(batch(['BOB-3P'], 'enabled', { by: 'thirdPartyId' }))).details).toEqual({ unknown: ['BOB-3P'] });
  });

  it('counts accounts that already have the status as unchanged, audited as such', async () => {
    await h.engine.changeStatusBatch(batch(['alice'], 'disabled'));
    const cmd = batch(['alice', 'carol'], 'disabled');
    expect(await h.engine.changeStatusBatch(cmd)).toEqual({ accounts: ['alice', 'carol'], changed: 1, unchanged: 1 });
    const outcomes = Object.fromEntries((await auditFor(h, cmd.requestId)).map((r) => [r.target, r.outcome]));
    expect(outcomes).toEqual({ alice: 'unchanged', carol: 'ok' });
  });

  it('refuses the whole list when any account is unknown, naming the unknown ones, and changes nothing', async () => {
    const cmd = batch(['alice', 'ghost', 'Bob', 'phantom', 'GHOST'], 'disabled');
    const err = await refusal(cmd);
    expect(err.code).toBe('USER_NOT_FOUND');
    expect(err.details).toEqual({ unknown: ['ghost', 'phantom'] });
    expect(await statuses()).toEqual(['enabled', 'enabled', 'enabled']);
    // One refusal row per distinct account, the known ones under their stored names.
    const rows = await auditFor(h, cmd.requestId);
    expect(rows.map((r) => [r.target, r.before, r.outcome]).sort()).toEqual([
      ['Bob', 'enabled', 'USER_NOT_FOUND'],
      ['alice', 'enabled', 'USER_NOT_FOUND'],
      ['ghost', null, 'USER_NOT_FOUND'],
      ['phantom', null, 'USER_NOT_FOUND'],
    ]);
  });

  it('refuses the whole list when enabling all of it would pass the seat limit', async () => {
    await h.engine.changeStatusBatch(batch(['alice', 'bob', 'carol'], 'disabled'));
    await h.engine.setSeatLimit(DIR, 3);
    const cmd = batch(['alice', 'bob', 'carol'], 'enabled');
    expect((await refusal(cmd)).code).toBe('SEAT_LIMIT_REACHED');
    expect(await statuses()).toEqual(['disabled', 'disabled', 'disabled']);
    expect((await auditFor(h, cmd.requestId)).map((r) => r.outcome)).toEqual([
      'SEAT_LIMIT_REACHED',
      'SEAT_LIMIT_REACHED',
      'SEAT_LIMIT_REACHED',
    ]);

    // Two of them fit beside the administrator.
    expect(await h.engine.changeStatusBatch(batch(['alice', 'bob'], 'enabled'))).toMatchObject({ changed: 2 });
  });

  it('refuses the whole list when it would disable every administrator', async () => {
    const cmd = batch(['alice', 'admin'], 'disabled');
    expect((await refusal(cmd)).code).toBe('LAST_ADMIN');
    expect(await statuses()).toEqual(['enabled', 'enabled', 'enabled']);
    expect(await statusOf(h, 'admin')).toBe('enabled');
  });

  it('ends the sessions of the accounts it disables and no others', async () => {
    await addUser(h, 'dave', { password: USER_PASSWORD });
    await addUser(h, 'erin', { password: USER_PASSWORD });
    const dave = await h.engine.logonWithTicket('dave', USER_PASSWORD);
    const erin = await h.engine.logonWithTicket('erin', USER_PASSWORD);
    await h.engine.changeStatusBatch(batch(['dave'], 'disabled'));
    await expect(h.engine.findSession('ticket', dave.ticket)).rejects.toMatchObject({ code: 'SESSION_INVALID' });
    expect((await h.engine.findSession('ticket', erin.ticket)).user.userName).toBe('erin');
  });

  it('ends sessions of an account that is already disabled but kept them (an earlier StopMode=0 freeze)', async () => {
    await addUser(h, 'dave', { password: USER_PASSWORD });
    const dave = await h.engine.logonWithTicket('dave', USER_PASSWORD);
    await h.engine.changeStatus({
      requestId: nextRequestId(),
      door: 'aliyun',
      credential: h.asAdmin,
      verb: 'Freeze',
      target: { by: 'userName', value: 'dave' },
      status: 'disabled',
      reason: 'aliyun:Freeze',
      endSessions: false,
    });
    expect(await h.engine.changeStatusBatch(batch(['dave'], 'disabled'))).toMatchObject({ changed: 0, unchanged: 1 });
    await expect(h.engine.findSession('ticket', dave.ticket)).rejects.toMatchObject({ code: 'SESSION_INVALID' });
  });

  it('denies a caller who is not an administrator, with one refusal row per account', async () => {
    await addUser(h, 'dave', { password: USER_PASSWORD });
    const { ticket } = await h.engine.logonWithTicket('dave', USER_PASSWORD);
    const cmd = batch(['alice', 'bob'], 'disabled', { credential: { kind: 'session', sessionKind: 'ticket', secret: ticket } });
    expect((await refusal(cmd)).code).toBe('ACCESS_DENIED');
    const rows = await auditFor(h, cmd.requestId);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.caller === 'dave' && r.outcome === 'ACCESS_DENIED')).toBe(true);
    expect(await statuses()).toEqual(['enabled', 'enabled', 'enabled']);
  });
});
