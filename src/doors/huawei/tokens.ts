import type { Request, Response } from 'express';
import type { DoorDeps } from '../doorDeps';
import { EngineError } from '../../engine';
import { sendEmpty, sendJson } from './render';
import { readJson } from './readJson';
import { API_CLIENT_TYPE, issuedReply, tokenReply, tokenRequests } from './tokenPair';
import { ajv, validOrThrow } from './validate';

/** X-Access-Token, or SESSION_INVALID: the SDKs re-authenticate on USG.000000004, so a missing token gets it too. */
export function accessTokenOf(req: Request): string {
  const token = req.get('x-access-token')?.trim();
  if (!token) throw new EngineError('SESSION_INVALID');
  return token;
}

/** PUT /v1/usg/acs/token: X-Access-Token carries the refresh token, which is traded for a new pair. */
export function refreshToken(deps: DoorDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const secret = accessTokenOf(req);
    const issued = await deps.engine.exchangeSession('huawei-refresh', secret, (old) =>
      tokenRequests(deps, old.clientType ?? API_CLIENT_TYPE),
    );
    sendJson(res, issuedReply(issued, req.ip ?? ''));
  };
}

interface ValidateBody {
  token: string;
  needGenNewToken?: boolean;
  needAccountInfo?: boolean;
}

const validateBody = ajv.compile<ValidateBody>({
  type: 'object',
  required: ['token'],
  properties: {
    token: { type: 'string', minLength: 1, maxLength: 512 },
    needGenNewToken: { type: 'boolean' },
    needAccountInfo: { type: 'boolean' },
  },
});

/** POST /v1/usg/acs/token/validate: the token's facts, or a new pair when needGenNewToken. */
export function validateToken(deps: DoorDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const body = validOrThrow(validateBody, await readJson(req, deps.config.maxBodyBytes));
    if (body.needGenNewToken) {
      // Derived from the validated token: its logout ends the new pair too.
      const issued = await deps.engine.deriveSessions('huawei-access', body.token, (parent) =>
        tokenRequests(deps, parent.clientType ?? API_CLIENT_TYPE),
      );
      sendJson(res, issuedReply(issued, req.ip ?? ''));
      return;
    }
    const { session, user } = await deps.engine.findSession('huawei-access', body.token);
    // Only hashes are stored, so the refresh token of an existing pair cannot be shown again.
    sendJson(res, tokenReply(user, { secret: body.token, session }, null, req.ip ?? ''));
  };
}

/** DELETE /v1/usg/acs/token: ends the access token and the refresh token issued with it. */
export function logout(deps: DoorDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    await deps.engine.endSessionAndPartners('huawei-access', accessTokenOf(req), 'huawei-refresh');
    sendEmpty(res);
  };
}
