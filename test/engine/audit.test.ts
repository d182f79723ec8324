import type { CallerCredential, User, UserStatus } from '../../src/engine';
import { addUser, DIR, nextRequestId, openHarness, USER_PASSWORD, type Harness } from './harness';

let h: Harness;
let nonAdmin: CallerCredential;

beforeEach(async () => {
  h = await openHarness();
  await addUser(h, 'alice', { password: USER_PASSWORD });
  await h.engine.addUser({ userName: 'bob', directoryId: DIR, ownerId: '42' });
  nonAdmin = { kind: 'session', sessionKind: 'ticket', secret: (await h.engine.logonWithTicket('alice', USER_PASSWORD)).ticket };
});
afterEach(() => h.close());

/** One attempted change: what it does and how many accounts it names (one audit row each). */
interface Attempt {
  name: string;
  accounts: number;
  run(requestId: string): Promise<unknown>;
}

function single(name: string, userName: string, status: UserStatus, credential?: CallerCredential): Attempt {
  return {
    name,
    accounts: 1,
    run: (requestId) =>
      h.engine.changeStatus({
        requestId,
        door: 'test',
        credential: credential ?? h.asAdmin,
        verb: 'ChangeUserStatus',
        target: { by: 'userName', value: userName },
        status,
        reason: 'test',
      }),
  };
}

function many(name: string, accounts: string[], status: UserStatus): Attempt {
  return {
    name,
    accounts: new Set(accounts.map((a) => a.toLowerCase())).size,
    run: (requestId) =>
      h.engine.changeStatusBatch({
        requestId,
        door: 'test',
        credential: h.asAdmin,
        verb: 'Batch',
        by: 'userName',
        accounts,
        status,
        reason: 'test',
      }),
  };
}

function hosting(name: string, hosted: boolean): Attempt {
  return {
    name,
    accounts: 1,
    run: (requestId) =>
      h.engine.setHosted({
        requestId,
        door: 'test',
        credential: h.asAdmin,
        verb: 'Trusteeship',
        target: { by: 'ownerId', value: '42' },
        hosted,
      }),
  };
}

const snapshot = (): Promise<User[]> => h.engine.listUsers();

describe('the audit trail', () => {
  it('holds exactly one row per account for every attempt, applied or refused, and a refusal changes nothing', async () => {
    const attempts: Attempt[] = [
      single('disable alice', 'alice', 'disabled'),
      single('disable alice again (unchanged)', 'alice', 'disabled'),
      single('disable the last admin', 'admin', 'disabled'),
      single('non-admin caller', 'bob', 'disabled', nonAdmin),
      single('unknown user', 'ghost', 'disabled'),
      single('bad ticket', 'bob', 'disabled', { kind: 'session', sessionKind: 'ticket', secret: 'not-a-ticket' }),
      many('batch with an unknown account', ['alice', 'bob', 'ghost'], 'enabled'),
      many('batch with duplicates', ['alice', 'ALICE', 'bob'], 'enabled'),
      hosting('cancel a trusteeship that is not there', false),
      hosting('host bob', true),
      hosting('host bob again (unchanged)', true),
    ];
    let expectedRows = 0;
    for (const attempt of attempts) {
      const requestId = nextRequestId();
      const before = await snapshot();
      const refused = await attempt.run(requestId).then(
        () => false,
        () => true,
      );
      const rows = await h.engine.listAudit({ requestId });
      expect({ attempt: attempt.name, rows: rows.length }).toEqual({ attempt: attempt.name, rows: attempt.accounts });
      if (refused) {
        expect({ attempt: attempt.name, users: await snapshot() }).toEqual({ attempt: attempt.name, users: before });
        expect(rows.every((r) => r.outcome !== 'ok' && r.outcome !== 'unchanged' && r.after === null)).toBe(true);
      } else {
        expect(rows.every((r) => r.outcome === 'ok' || r.outcome === 'unchanged')).toBe(true);
      }
      expectedRows += attempt.accounts;
    }
    // Nothing else wrote to the trail: no stray rows from logons or reads.
    expect(await h.engine.listAudit()).toHaveLength(expectedRows);
  });

  it('records the time from the engine clock and the door and request id the caller gave', async () => {
    h.clock.advance(12_345);
    await single('disable alice', 'alice', 'disabled').run('req-given-by-door');
    expect(await h.engine.listAudit({ requestId: 'req-given-by-door' })).toEqual([
      expect.objectContaining({ at: h.clock.read(), door: 'test', requestId: 'req-given-by-door' }),
    ]);
  });

  it('records a refusal a door made before the engine saw the request', async () => {
    await h.engine.refuse({
      requestId: 'req-bad-sig',
      door: 'aliyun',
      caller: { kind: 'access-key', keyId: 'LTAIx' },
      verb: 'UpdateUserStatus',
      targets: ['bob'],
      outcome: 'SIGNATURE_MISMATCH',
    });
    expect(await h.engine.listAudit({ requestId: 'req-bad-sig' })).toEqual([
      expect.objectContaining({ door: 'aliyun', caller: 'LTAIx', target: 'bob', after: null, outcome: 'SIGNATURE_MISMATCH' }),
    ]);
  });

  it('finds rows by target whatever the case', async () => {
    await single('disable alice', 'alice', 'disabled').run(nextRequestId());
    expect(await h.engine.listAudit({ target: 'ALICE' })).toHaveLength(1);
  });
});
