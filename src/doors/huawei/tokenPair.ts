import type { DoorDeps } from '../doorDeps';
import type { IssuedSessions, Session, SessionRequest, User } from '../../engine';

/** Huawei's clientType for an API caller; what its server SDKs send. */
export const API_CLIENT_TYPE = 72;

/**
 * An access token and its refresh token. Both count against huaweiMaxLiveTokens per user and
 * client type, so a client that logs on in a loop (the Node SDK does) evicts its own oldest.
 */
export function tokenRequests(deps: DoorDeps, clientType: number): SessionRequest[] {
  const accessMs = deps.config.huaweiTokenLifetimeSeconds * 1000;
  const refreshMs = Math.max(accessMs, deps.engine.settings.huaweiRefreshLifetimeMs);
  const maxLive = deps.config.huaweiMaxLiveTokens;
  return [
    { kind: 'huawei-access', options: { lifetimeMs: accessMs, sliding: false, clientType, maxLive } },
    { kind: 'huawei-refresh', options: { lifetimeMs: refreshMs, sliding: false, clientType, maxLive } },
  ];
}

/** Huawei's adminType: 1 an enterprise administrator, 2 an ordinary member. */
export function adminTypeOf(user: User): number {
  return user.isAdmin ? 1 : 2;
}

/** Huawei's status: 0 normal, 1 disabled. */
export function statusOf(user: User): number {
  return user.status === 'enabled' ? 0 : 1;
}

/** The UserInfo object of a token reply. */
export function userInfo(user: User) {
  return {
    userId: user.id,
    ucloginAccount: user.userName,
    name: user.displayName,
    thirdAccount: user.thirdPartyId,
    companyId: user.directoryId,
    status: statusOf(user),
    adminType: adminTypeOf(user),
    freeUser: false,
  };
}

/** Seconds between creation and expiry, and expiry in Unix seconds; 0 for a token that never expires. */
function period(session: Session): { validPeriod: number; expireTime: number } {
  if (session.expiresAt === null) return { validPeriod: 0, expireTime: 0 };
  return { validPeriod: Math.round((session.expiresAt - session.createdAt) / 1000), expireTime: Math.floor(session.expiresAt / 1000) };
}

/** The reply of every token API: the documented fields, refresh fields null when no refresh token was issued. */
export function tokenReply(
  user: User,
  access: { secret: string; session: Session },
  refresh: { secret: string; session: Session } | null,
  tokenIp: string,
) {
  const accessPeriod = period(access.session);
  const refreshPeriod = refresh ? period(refresh.session) : null;
  return {
    accessToken: access.secret,
    tokenIp,
    validPeriod: accessPeriod.validPeriod,
    expireTime: accessPeriod.expireTime,
    createTime: access.session.createdAt,
    tokenType: 0,
    clientType: access.session.clientType ?? API_CLIENT_TYPE,
    refreshToken: refresh?.secret ?? null,
    refreshValidPeriod: refreshPeriod?.validPeriod ?? null,
    refreshExpireTime: refreshPeriod?.expireTime ?? null,
    refreshCreateTime: refresh?.session.createdAt ?? null,
    firstLogin: false,
    pwdExpired: false,
    delayDelete: false,
    forceLoginInd: null,
    proxyToken: null,
    user: userInfo(user),
  };
}

/** The reply for a freshly issued pair (access first, refresh second: the order of tokenRequests). */
export function issuedReply(issued: IssuedSessions, tokenIp: string) {
  const [access, refresh] = issued.issued;
  return tokenReply(issued.user, access, refresh ?? null, tokenIp);
}
