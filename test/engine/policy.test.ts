import type { AccessPolicy, ChangeStatusCommand, PolicyCheck, User } from '../../src/engine';
import { policyAllows } from '../../src/engine/policy';
import { addUser, auditFor, DIR, nextRequestId, openHarness, OTHER_DIR, statusOf, type Harness } from './harness';

describe('policyAllows', () => {
  const policy = (actions: string[], resources: string[]): AccessPolicy => ({ actions, resources });
  const resource = `acs:cloudsso:*:*:directory/${DIR}/user/u-alice`;

  it('allows everything when a key has no policy', () => {
    expect(policyAllows(null, 'cloudsso:UpdateUserStatus', resource)).toBe(true);
  });

  it('needs both an allowed action and an allowed resource', () => {
    const p = policy(['cloudsso:UpdateUserStatus'], [`acs:cloudsso:*:*:directory/${DIR}/user/*`]);
    expect(policyAllows(p, 'cloudsso:UpdateUserStatus', resource)).toBe(true);
    expect(policyAllows(p, 'bssapi:SetResellerUserStatus', resource)).toBe(false);
    expect(policyAllows(p, 'cloudsso:UpdateUserStatus', `acs:cloudsso:*:*:directory/${OTHER_DIR}/user/u-alice`)).toBe(false);
  });

  it("matches '*' against any run of characters, including none and including '/' and ':'", () => {
    const p = policy(['*'], ['*']);
    expect(policyAllows(p, 'anything:AtAll', 'acs:x:y')).toBe(true);
    expect(policyAllows(policy(['cloudsso:*'], ['*']), 'cloudsso:', 'r')).toBe(true);
    expect(policyAllows(policy(['cloudsso:*'], ['*']), 'cloudsso:UpdateUserStatus', 'r')).toBe(true);
    expect(policyAllows(policy(['cloudsso:*'], ['*']), 'bssapi:SetResellerUserStatus', 'r')).toBe(false);
    expect(policyAllows(policy(['*'], ['acs:cloudsso:*:*:directory/*/user/u-alice']), 'a', resource)).toBe(true);
  });

  it('takes every other character literally: a dot or bracket in a pattern is not a regular expression', () => {
    expect(policyAllows(policy(['a.c'], ['*']), 'abc', 'r')).toBe(false);
    expect(policyAllows(policy(['a.c'], ['*']), 'a.c', 'r')).toBe(true);
    expect(policyAllows(policy(['[ab]'], ['*']), 'a', 'r')).toBe(false);
    expect(policyAllows(policy(['a+'], ['*']), 'aa', 'r')).toBe(false);
    expect(policyAllows(policy(['(x|y)'], ['*']), 'x', 'r')).toBe(false);
  });

  it('anchors both ends: a pattern does not match inside a longer value', () => {
    expect(policyAllows(policy(['cloudsso:UpdateUserStatus'], ['*']), 'cloudsso:UpdateUserStatusX', 'r')).toBe(false);
    expect(policyAllows(policy(['*'], ['directory/d-1']), 'a', 'directory/d-1/user/u-1')).toBe(false);
  });

  it('allows nothing when a list is empty', () => {
    expect(policyAllows(policy([], ['*']), 'a', 'r')).toBe(false);
    expect(policyAllows(policy(['*'], []), 'a', 'r')).toBe(false);
  });
});

describe('policy through changeStatus with an access key', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
    await h.engine.addDirectory({ id: OTHER_DIR, name: 'Other', seatLimit: null });
    await addUser(h, 'alice');
    await addUser(h, 'zed', { directoryId: OTHER_DIR });
  });
  afterEach(() => h.close());

  const check: PolicyCheck = {
    action: 'cloudsso:UpdateUserStatus',
    resourceOf: (target: User) => `acs:cloudsso:*:*:directory/${target.directoryId}/user/${target.id}`,
    requested: '',
  };

  function viaKey(keyId: string, userName: string): ChangeStatusCommand {
    return {
      requestId: nextRequestId(),
      door: 'aliyun',
      credential: { kind: 'access-key', keyId },
      verb: 'UpdateUserStatus',
      target: { by: 'userName', value: userName },
      status: 'disabled',
      reason: 'aliyun:UpdateUserStatus',
      policy: { ...check, requested: `userName:${userName}` },
    };
  }

  it('lets a key change users its resource pattern covers and denies the rest', async () => {
    const key = await h.engine.createAccessKey({
      userName: 'admin',
      policy: { actions: ['cloudsso:*'], resources: [`acs:cloudsso:*:*:directory/${DIR}/user/*`] },
    });
    await h.engine.changeStatus(viaKey(key.id, 'alice'));
    expect(await statusOf(h, 'alice')).toBe('disabled');

    const denied = viaKey(key.id, 'zed');
    await expect(h.engine.changeStatus(denied)).rejects.toMatchObject({
      code: 'ACCESS_DENIED',
      // What the request named, not the target's directory or id.
      details: { action: 'cloudsso:UpdateUserStatus', resource: 'userName:zed' },
    });
    expect(await statusOf(h, 'zed')).toBe('enabled');
    expect(await auditFor(h, denied.requestId)).toEqual([
      expect.objectContaining({ caller: key.id, target: 'zed', outcome: 'ACCESS_DENIED' }),
    ]);
  });

  it('denies an action the policy does not list', async () => {
    const key = await h.engine.createAccessKey({
      userName: 'admin',
      policy: { actions: ['bssapi:SetResellerUserStatus'], resources: ['*'] },
    });
    await expect(h.engine.changeStatus(viaKey(key.id, 'alice'))).rejects.toMatchObject({ code: 'ACCESS_DENIED' });
    expect(await statusOf(h, 'alice')).toBe('enabled');
  });

  it('refuses a revoked key and an unknown key', async () => {
    const key = await h.engine.createAccessKey({ userName: 'admin', policy: null });
    await h.engine.revokeAccessKey(key.id);
    await expect(h.engine.changeStatus(viaKey(key.id, 'alice'))).rejects.toMatchObject({ code: 'KEY_NOT_FOUND' });
    await expect(h.engine.changeStatus(viaKey('LTAInope', 'alice'))).rejects.toMatchObject({ code: 'KEY_NOT_FOUND' });
    await expect(h.engine.revokeAccessKey(key.id)).rejects.toMatchObject({ code: 'KEY_NOT_FOUND' });
    expect(await statusOf(h, 'alice')).toBe('enabled');
  });

  it('binds keys to administrators only', async () => {
    await expect(h.engine.createAccessKey({ userName: 'alice', policy: null })).rejects.toMatchObject({ code: 'ACCESS_DENIED' });
  });
});
