import { addUser, nextRequestId, openHarness, SMALL_SETTINGS, USER_PASSWORD, type Harness } from './harness';

let h: Harness;

beforeEach(async () => {
  h = await openHarness();
  await addUser(h, 'alice', { password: USER_PASSWORD });
});
afterEach(() => h.close());

const maxFailed = SMALL_SETTINGS.maxFailedLogons as number;
const lockoutMs = SMALL_SETTINGS.lockoutMs as number;

function disableAlice() {
  return h.engine.changeStatus({
    requestId: nextRequestId(),
    door: 'test',
    credential: h.asAdmin,
    verb: 'ChangeUserStatus',
    target: { by: 'userName', value: 'alice' },
    status: 'disabled',
    reason: 'test',
  });
}

describe('password authentication', () => {
  it('accepts the right password, with any case of the user name, and records the logon time', async () => {
    const user = await h.engine.authenticate('ALICE', USER_PASSWORD);
    expect(user.userName).toBe('alice');
    expect(user.lastLogonAt).toBe(h.clock.read());
  });

  it('refuses a wrong password and an unknown user with the same code', async () => {
    await expect(h.engine.authenticate('alice', 'wrong-password')).rejects.toMatchObject({ code: 'AUTHENTICATION_FAILED' });
    await expect(h.engine.authenticate('nobody', USER_PASSWORD)).rejects.toMatchObject({ code: 'AUTHENTICATION_FAILED' });
    await expect(h.engine.authenticate('alice', '')).rejects.toMatchObject({ code: 'AUTHENTICATION_FAILED' });
  });

  it('says ACCOUNT_DISABLED only to a caller who knows the password', async () => {
    await disableAlice();
    await expect(h.engine.authenticate('alice', USER_PASSWORD)).rejects.toMatchObject({ code: 'ACCOUNT_DISABLED' });
    // A wrong password learns nothing about the account's state.
    await expect(h.engine.authenticate('alice', 'wrong-password')).rejects.toMatchObject({ code: 'AUTHENTICATION_FAILED' });
    await expect(h.engine.logonWithTicket('alice', USER_PASSWORD)).rejects.toMatchObject({ code: 'ACCOUNT_DISABLED' });
  });

  it('refuses a user who has no password at all', async () => {
    await addUser(h, 'nopass');
    await expect(h.engine.authenticate('nopass', '')).rejects.toMatchObject({ code: 'AUTHENTICATION_FAILED' });
    await expect(h.engine.authenticate('nopass', 'anything-at-all')).rejects.toMatchObject({ code: 'AUTHENTICATION_FAILED' });
  });

  it('locks the account after maxFailedLogons failures, even against the right password, until lockoutMs passes', async () => {
    for (let i = 1; i < maxFailed; i++) {
      await expect(h.engine.authenticate('alice', `wrong-${i}`)).rejects.toMatchObject({ code: 'AUTHENTICATION_FAILED' });
    }
    await expect(h.engine.authenticate('alice', 'wrong-last')).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED' });
    await expect(h.engine.authenticate('alice', USER_PASSWORD)).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED' });

    h.clock.advance(lockoutMs - 1);
    await expect(h.engine.authenticate('alice', USER_PASSWORD)).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED' });

    h.clock.advance(1);
    const user = await h.engine.authenticate('alice', USER_PASSWORD);
    expect(user).toMatchObject({ failedLogins: 0, lockedUntil: null });
  });

  it('forgets earlier failures after a good logon', async () => {
    for (let i = 1; i < maxFailed; i++)
      await expect(h.engine.authenticate('alice', 'wrong')).rejects.toMatchObject({ code: 'AUTHENTICATION_FAILED' });
    await h.engine.authenticate('alice', USER_PASSWORD);
    // A fresh count: maxFailed - 1 more failures still do not lock.
    for (let i = 1; i < maxFailed; i++)
      await expect(h.engine.authenticate('alice', 'wrong')).rejects.toMatchObject({ code: 'AUTHENTICATION_FAILED' });
    await h.engine.authenticate('alice', USER_PASSWORD);
  });

  it('keeps one account locked without touching another', async () => {
    await addUser(h, 'bob', { password: USER_PASSWORD });
    for (let i = 0; i < maxFailed; i++) await h.engine.authenticate('alice', 'wrong').catch(() => undefined);
    await expect(h.engine.authenticate('alice', USER_PASSWORD)).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED' });
    expect((await h.engine.authenticate('bob', USER_PASSWORD)).userName).toBe('bob');
  });
});
