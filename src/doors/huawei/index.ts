import { Router, type NextFunction, type Request, type Response } from 'express';
import type { DoorDeps } from '../doorDeps';
import { replyRequestIdOf } from '../../http/requestId';
import type { RouterMount } from '../../http/routes';
import { accountAuth } from './accountAuth';
import { appAuth } from './appAuth';
import { batchStatus } from './batchStatus';
import { HuaweiDoorError } from './errorTable';
import { getMember } from './getMember';
import { renderErrors } from './render';
import { logout, refreshToken, validateToken } from './tokens';

/** The SDKs read the request id from this header on every reply, errors included. */
function tagReply(_req: Request, res: Response, next: NextFunction): void {
  res.locals.door = 'huawei';
  res.setHeader('X-Request-Id', replyRequestIdOf(res));
  next();
}

function notFound(): never {
  throw new HuaweiDoorError('NOT_FOUND');
}

/**
 * Huawei Cloud Meeting's token and user APIs, under /v1/usg and /v2/usg only. Each prefix is a
 * router of its own: every reply under it, a 404 included, carries the request id header and
 * renders errors the Huawei way.
 */
export function huaweiRoutes(deps: DoorDeps): RouterMount[] {
  const v1 = Router();
  v1.use(tagReply);
  v1.post('/acs/auth/account', accountAuth(deps));
  v1.put('/acs/token', refreshToken(deps));
  v1.post('/acs/token/validate', validateToken(deps));
  v1.delete('/acs/token', logout(deps));
  v1.put('/dcs/corp/member/status/:value', batchStatus(deps));
  v1.get('/dcs/corp/member/:account', getMember(deps));

  const v2 = Router();
  v2.use(tagReply);
  v2.post('/acs/auth/appauth', appAuth(deps));

  for (const router of [v1, v2]) {
    router.use(notFound);
    router.use(renderErrors(deps.logger));
  }
  return [
    { prefix: '/v1/usg', router: v1 },
    { prefix: '/v2/usg', router: v2 },
  ];
}
