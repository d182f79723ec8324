import type { DoorRefusal } from '../../src/engine';
import { addUser, auditFor, nextRequestId, openHarness, spendNonce, statusOf, type Harness } from './harness';

let h: Harness;

beforeEach(async () => {
  h = await openHarness();
  await addUser(h, 'alice');
});
afterEach(() => h.close());

const NONCE = { scope: 'aliyun:LTAIkey', nonce: 'n-1', windowMs: 60_000 };

function refusal(fields: Partial<DoorRefusal> = {}): DoorRefusal {
  return { requestId: nextRequestId(), door: 'test', verb: 'ChangeUserStatus', targets: ['alice'], outcome: 'INVALID_ARGUMENT', ...fields };
}

describe('refuse: a refusal a door decided before the engine saw the request', () => {
  it('names the claimed caller the engine way: unverified sessions, key ids cut short, anonymous', async () => {
    const cases: [DoorRefusal['caller'], string][] = [
      [{ kind: 'session', sessionKind: 'ticket' }, 'ticket:unverified'],
      [{ kind: 'session', sessionKind: 'huawei-access' }, 'huawei-access:unverified'],
      [{ kind: 'access-key', keyId: 'LTAIkey' }, 'LTAIkey'],
      [{ kind: 'access-key', keyId: 'K'.repeat(300) }, 'K'.repeat(128)],
      [undefined, 'anonymous'],
    ];
    for (const [caller, label] of cases) {
      const refused = refusal({ caller });
      await h.engine.refuse(refused);
      expect(await auditFor(h, refused.requestId)).toEqual([
        expect.objectContaining({
          caller: label,
          target: 'alice',
          verb: 'ChangeUserStatus',
          before: null,
          after: null,
          outcome: 'INVALID_ARGUMENT',
        }),
      ]);
    }
  });

  it('writes one row for the request naming the accounts as sent, and changes nothing', async () => {
    const refused = refusal({ targets: ['alice', 'bob', 'alice', 'ALICE'], outcome: 'BATCH_TOO_LONG' });
    await h.engine.refuse(refused);
    expect((await auditFor(h, refused.requestId)).map((row) => row.target)).toEqual(['4 accounts: alice,bob,alice,ALICE']);
    expect(await statusOf(h, 'alice')).toBe('enabled');
  });

  it('spends the nonce it is handed, so the refused request cannot be replayed', async () => {
    await h.engine.refuse(refusal({ nonce: NONCE }));
    await expect(spendNonce(h.engine, NONCE.scope, NONCE.nonce, NONCE.windowMs)).rejects.toMatchObject({ code: 'NONCE_REPLAYED' });
  });

  it('refuses a replay as a replay, whatever the door refused it for, and audits it so', async () => {
    await spendNonce(h.engine, NONCE.scope, NONCE.nonce, NONCE.windowMs);
    const replay = refusal({ nonce: NONCE, caller: { kind: 'access-key', keyId: 'LTAIkey' } });
    await expect(h.engine.refuse(replay)).rejects.toMatchObject({ code: 'NONCE_REPLAYED' });
    expect(await auditFor(h, replay.requestId)).toEqual([expect.objectContaining({ caller: 'LTAIkey', outcome: 'NONCE_REPLAYED' })]);
  });

  it('spends no nonce when the door hands none (an unsigned or badly signed request cannot burn one)', async () => {
    await h.engine.refuse(refusal());
    await spendNonce(h.engine, NONCE.scope, NONCE.nonce, NONCE.windowMs);
  });
});

describe('the authorisation every change shares', () => {
  const batch = (requestId: string, nonce = NONCE) =>
    h.engine.changeStatusBatch({
      requestId,
      door: 'test',
      nonce,
      credential: h.asAdmin,
      verb: 'member/status/1',
      by: 'userName',
      accounts: ['alice'],
      status: 'disabled',
      reason: 'test',
    });
  const hosted = (requestId: string) =>
    h.engine.setHosted({
      requestId,
      door: 'test',
      nonce: NONCE,
      credential: h.asAdmin,
      verb: 'SetResellerUserStatus:Trusteeship',
      target: { by: 'userName', value: 'alice' },
      hosted: true,
    });

  it('spends a batch nonce in the change: a replayed batch changes nothing and is audited as a replay', async () => {
    await batch(nextRequestId());
    expect(await statusOf(h, 'alice')).toBe('disabled');
    const replay = nextRequestId();
    await expect(batch(replay)).rejects.toMatchObject({ code: 'NONCE_REPLAYED' });
    // Refused before the caller was proven: named as claimed.
    expect(await auditFor(h, replay)).toEqual([
      expect.objectContaining({ target: 'alice', caller: 'ticket:unverified', outcome: 'NONCE_REPLAYED' }),
    ]);
  });

  it('a refused change has still used its nonce up', async () => {
    const refused = h.engine.changeStatus({
      requestId: nextRequestId(),
      door: 'test',
      nonce: NONCE,
      credential: h.asAdmin,
      verb: 'ChangeUserStatus',
      target: { by: 'userName', value: 'nobody' },
      status: 'disabled',
      reason: 'test',
    });
    await expect(refused).rejects.toMatchObject({ code: 'USER_NOT_FOUND' });
    await expect(hosted(nextRequestId())).rejects.toMatchObject({ code: 'NONCE_REPLAYED' });
    await expect(batch(nextRequestId())).rejects.toMatchObject({ code: 'NONCE_REPLAYED' });
  });
});
