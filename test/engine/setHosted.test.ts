import type { SetHostedCommand } from '../../src/engine';
import { addUser, auditFor, nextRequestId, openHarness, type Harness } from './harness';

let h: Harness;

beforeEach(async () => {
  h = await openHarness();
  await h.engine.addUser({ userName: 'jdoe', directoryId: 'd-000000000001', ownerId: '1234567890123456' });
});
afterEach(() => h.close());

function hosted(value: boolean, fields: Partial<SetHostedCommand> = {}): SetHostedCommand {
  return {
    requestId: nextRequestId(),
    door: 'aliyun',
    credential: h.asAdmin,
    verb: value ? 'Trusteeship' : 'TrusteeshipCancel',
    target: { by: 'ownerId', value: '1234567890123456' },
    hosted: value,
    ...fields,
  };
}

const isHosted = async (): Promise<boolean | undefined> => (await h.engine.findUser({ by: 'ownerId', value: '1234567890123456' }))?.hosted;

describe('setHosted', () => {
  it('puts an account under trusteeship and takes it back, auditing both', async () => {
    const on = hosted(true);
    expect(await h.engine.setHosted(on)).toMatchObject({ changed: true, user: { hosted: true, userName: 'jdoe' } });
    expect(await isHosted()).toBe(true);
    expect(await auditFor(h, on.requestId)).toEqual([
      expect.objectContaining({ target: 'jdoe', verb: 'Trusteeship', before: 'not-hosted', after: 'hosted', outcome: 'ok' }),
    ]);

    const off = hosted(false);
    expect(await h.engine.setHosted(off)).toMatchObject({ changed: true, user: { hosted: false } });
    expect(await isHosted()).toBe(false);
    expect(await auditFor(h, off.requestId)).toEqual([expect.objectContaining({ before: 'hosted', after: 'not-hosted', outcome: 'ok' })]);
  });

  it('succeeds unchanged when the account is already hosted', async () => {
    await h.engine.setHosted(hosted(true));
    const again = hosted(true);
    expect(await h.engine.setHosted(again)).toMatchObject({ changed: false });
    expect(await auditFor(h, again.requestId)).toEqual([expect.objectContaining({ outcome: 'unchanged' })]);
  });

  it('refuses to cancel a trusteeship that does not exist (NOT_HOSTED), audited, nothing changed', async () => {
    const before = await h.engine.findUser({ by: 'userName', value: 'jdoe' });
    const cmd = hosted(false);
    await expect(h.engine.setHosted(cmd)).rejects.toMatchObject({ code: 'NOT_HOSTED' });
    expect(await h.engine.findUser({ by: 'userName', value: 'jdoe' })).toEqual(before);
    expect(await auditFor(h, cmd.requestId)).toEqual([
      expect.objectContaining({ target: 'jdoe', before: 'not-hosted', after: null, outcome: 'NOT_HOSTED' }),
    ]);
  });

  it('answers USER_NOT_FOUND for an unknown owner id', async () => {
    const cmd = hosted(true, { target: { by: 'ownerId', value: '999' } });
    await expect(h.engine.setHosted(cmd)).rejects.toMatchObject({ code: 'USER_NOT_FOUND' });
    expect(await auditFor(h, cmd.requestId)).toEqual([expect.objectContaining({ target: 'ownerId:999', outcome: 'USER_NOT_FOUND' })]);
  });

  it('denies a caller who is not an administrator', async () => {
    await addUser(h, 'alice', { password: 'Alice-Password-1' });
    const { ticket } = await h.engine.logonWithTicket('alice', 'Alice-Password-1');
    const cmd = hosted(true, { credential: { kind: 'session', sessionKind: 'ticket', secret: ticket } });
    await expect(h.engine.setHosted(cmd)).rejects.toMatchObject({ code: 'ACCESS_DENIED' });
    expect(await isHosted()).toBe(false);
  });
});

describe('setHosted with a signed request nonce', () => {
  it('is refused as NONCE_REPLAYED when the nonce was used, and changes nothing', async () => {
    const nonce = { scope: 'aliyun:test-key', nonce: 'n-1', windowMs: 60_000 };
    await h.engine.setHosted(hosted(true, { nonce }));
    const replay = hosted(false, { nonce });
    await expect(h.engine.setHosted(replay)).rejects.toMatchObject({ code: 'NONCE_REPLAYED' });
    expect(await isHosted()).toBe(true);
    expect(await auditFor(h, replay.requestId)).toEqual([expect.objectContaining({ outcome: 'NONCE_REPLAYED' })]);
  });
});
