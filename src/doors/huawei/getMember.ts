import type { Request, Response } from 'express';
import type { DoorDeps } from '../doorDeps';
import type { User } from '../../engine';
import { parseAccountType } from './batchStatus';
import { sendJson } from './render';
import { accessTokenOf } from './tokens';
import { adminTypeOf, statusOf } from './tokenPair';

/** The user as Huawei's user detail API shows it: status 0 normal, 1 disabled. */
function memberReply(user: User) {
  return {
    id: user.id,
    userAccount: user.userName,
    name: user.displayName,
    email: user.email,
    thirdAccount: user.thirdPartyId,
    status: statusOf(user),
    adminType: adminTypeOf(user),
    corpId: user.directoryId,
  };
}

/** GET /v1/usg/dcs/corp/member/{account}?accountType=: one user, for administrators. */
export function getMember(deps: DoorDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const token = accessTokenOf(req);
    const by = parseAccountType(req.query.accountType);
    const credential = { kind: 'session', sessionKind: 'huawei-access', secret: token } as const;
    const user = await deps.engine.readUser(credential, { by, value: String(req.params.account) }, { adminOnly: true });
    sendJson(res, memberReply(user));
  };
}
