import { EngineError } from './errors';
import type { AccessPolicy, SessionKind, User } from './model';
import { policyAllows } from './policy';
import { findProvisioningToken } from './provisioningTokens';
import type { StoreTx } from './storePort';
import { findLiveSession } from './sessions';
import type { EngineContext } from './context';

/** What a door proves about its caller; the engine turns it into a Caller. */
export type CallerCredential =
  | { kind: 'session'; sessionKind: SessionKind; secret: string }
  /** The door has verified the request signature with this key's secret. */
  | { kind: 'access-key'; keyId: string }
  /** A provisioning client's bearer token (statusbridge scim token create). */
  | { kind: 'provisioning-token'; secret: string }
  /** The operator's own command line: full rights, audited as 'cli'. */
  | { kind: 'system'; label: string };

export interface Caller {
  user: User | null;
  /** Who the audit names: a user name, an access key id, 'cli'. */
  label: string;
  isAdmin: boolean;
  policy: AccessPolicy | null;
  /** Where users this caller creates go: a provisioning token's directory. */
  directoryId?: string;
}

/** A permission the door asks the engine to check against the caller's key policy. */
export interface PolicyCheck {
  action: string;
  resourceOf(target: User): string;
  /**
   * The resource as the request names it, when the door can tell it without reading the target
   * (CloudSSO names directory and user id): checked before the target is looked up.
   */
  requestedResource?: string;
  /** What the request named, for a refusal's detail: never an id the caller did not send. */
  requested: string;
}

/**
 * Who a request said it was, as far as a door read it before refusing it: never proven, and
 * without the secret. A CallerCredential of a door is one too.
 */
export type ClaimedCaller = { kind: 'session'; sessionKind: SessionKind } | { kind: 'access-key'; keyId: string };

/** Audit labels are bounded: a refused request's key id is whatever the client sent. */
const MAX_LABEL = 128;

/** Audit label for a credential before it is proven: never the secret itself. */
export function credentialLabel(credential: CallerCredential | ClaimedCaller | undefined): string {
  if (!credential) return 'anonymous';
  switch (credential.kind) {
    case 'session':
      return `${credential.sessionKind}:unverified`;
    case 'access-key':
      return credential.keyId.slice(0, MAX_LABEL);
    case 'provisioning-token':
      return 'provisioning-token:unverified';
    case 'system':
      return credential.label;
  }
}

export async function resolveCaller(ctx: EngineContext, tx: StoreTx, credential: CallerCredential): Promise<Caller> {
  switch (credential.kind) {
    case 'system':
      return { user: null, label: credential.label, isAdmin: true, policy: null };
    case 'session': {
      const { user } = await findLiveSession(ctx, tx, credential.sessionKind, credential.secret);
      return { user, label: user.userName, isAdmin: user.isAdmin, policy: null };
    }
    case 'access-key': {
      const key = await tx.accessKeys.get(credential.keyId);
      if (!key || key.revokedAt !== null) throw new EngineError('KEY_NOT_FOUND');
      const user = await tx.users.get({ by: 'id', value: key.userId });
      if (!user || user.status !== 'enabled') throw new EngineError('ACCOUNT_DISABLED');
      return { user, label: key.id, isAdmin: user.isAdmin, policy: key.policy };
    }
    case 'provisioning-token': {
      const token = await findProvisioningToken(tx, credential.secret);
      const user = await tx.users.get({ by: 'id', value: token.userId });
      if (!user || user.status !== 'enabled') throw new EngineError('ACCOUNT_DISABLED');
      return { user, label: user.userName, isAdmin: user.isAdmin, policy: null, directoryId: token.directoryId };
    }
  }
}

export function requireAdmin(caller: Caller): void {
  if (!caller.isAdmin) throw new EngineError('ACCESS_DENIED');
}

/** The refusal outside a policy: the same whether the target exists or not, naming what was sent. */
function outsidePolicy(check: PolicyCheck): EngineError {
  return new EngineError('ACCESS_DENIED', undefined, { action: check.action, resource: check.requestedResource ?? check.requested });
}

/** Before the target is read: a request whose own naming is outside the policy goes no further. */
export function requireRequestedPolicy(caller: Caller, check: PolicyCheck | undefined): void {
  if (check?.requestedResource !== undefined && !policyAllows(caller.policy, check.action, check.requestedResource)) {
    throw outsidePolicy(check);
  }
}

/**
 * The answer for a target that does not exist. A restricted key learns that only where its policy
 * could reach the target: otherwise it gets the refusal a target outside the policy gets, so
 * probing outside the policy tells nothing about what exists.
 */
export function targetNotFound(
  caller: Caller,
  check: PolicyCheck | undefined,
  code: 'USER_NOT_FOUND' | 'DIRECTORY_NOT_FOUND',
): EngineError {
  if (!check || !caller.policy || check.requestedResource !== undefined) return new EngineError(code);
  const reachesAll = caller.policy.resources.includes('*') && policyAllows(caller.policy, check.action, '*');
  return reachesAll ? new EngineError(code) : outsidePolicy(check);
}

export function requirePolicy(caller: Caller, check: PolicyCheck | undefined, target: User): void {
  if (check && !policyAllows(caller.policy, check.action, check.resourceOf(target))) throw outsidePolicy(check);
}
