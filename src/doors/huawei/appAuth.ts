import { createHmac } from 'node:crypto';
import type { Request, Response } from 'express';
import type { DoorDeps } from '../doorDeps';
import { EngineError, safeEqual, type HuaweiApp, type NonceClaim } from '../../engine';
import { HuaweiDoorError } from './errorTable';
import { sendJson } from './render';
import { readJson } from './readJson';
import { issuedReply, tokenRequests } from './tokenPair';
import { ajv, validOrThrow } from './validate';

interface AppAuthBody {
  appId: string;
  clientType: number;
  expireTime: number;
  nonce: string;
  userId?: string | null;
  corpId?: string | null;
  userName?: string | null;
  userEmail?: string | null;
  userPhone?: string | null;
  deptCode?: string | null;
}

const optionalText = { type: ['string', 'null'], maxLength: 256 };

// Clients send explicit nulls for the optional fields, and SDK versions add fields: both are accepted.
const validateBody = ajv.compile<AppAuthBody>({
  type: 'object',
  required: ['appId', 'clientType', 'expireTime', 'nonce'],
  properties: {
    appId: { type: 'string', minLength: 1, maxLength: 128 },
    clientType: { type: 'integer', minimum: 0 },
    expireTime: { type: 'integer', minimum: 0 },
    nonce: { type: 'string', minLength: 32, maxLength: 64 },
    userId: optionalText,
    corpId: optionalText,
    userName: optionalText,
    userEmail: optionalText,
    userPhone: optionalText,
    deptCode: optionalText,
  },
});

/** `HMAC-SHA256 signature=<hex>,access=<base64(appId)>`; access may end in base64 '=' padding. */
function parseAuthorization(header: string | undefined): { signature: string; appId: string } {
  const match = /^HMAC-SHA256\s+(.+)$/i.exec(header?.trim() ?? '');
  if (!match) throw new HuaweiDoorError('BAD_AUTHORIZATION');
  const fields = new Map<string, string>();
  for (const part of match[1].split(',')) {
    const at = part.indexOf('=');
    if (at > 0) fields.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim());
  }
  const signature = fields.get('signature');
  const access = fields.get('access');
  if (!signature || !access) throw new HuaweiDoorError('BAD_AUTHORIZATION');
  return { signature, appId: Buffer.from(access, 'base64').toString('utf8') };
}

/** Empty fields keep their colons; corpId takes part only when sent (service-provider mode). */
function signedText(body: AppAuthBody): string {
  const parts = [body.appId, ...(body.corpId ? [body.corpId] : []), body.userId ?? '', String(body.expireTime), body.nonce];
  return parts.join(':');
}

async function findApp(deps: DoorDeps, appId: string): Promise<HuaweiApp> {
  const app = await deps.engine.getHuaweiApp(appId);
  if (!app || app.revokedAt !== null) throw new EngineError('KEY_NOT_FOUND');
  return app;
}

function verifySignature(app: HuaweiApp, body: AppAuthBody, given: string): void {
  const expected = createHmac('sha256', app.appKey).update(signedText(body), 'utf8').digest('hex');
  if (!safeEqual(expected, given.toLowerCase())) throw new HuaweiDoorError('BAD_SIGNATURE');
}

function checkExpireTime(deps: DoorDeps, body: AppAuthBody): void {
  if (body.expireTime !== 0 && deps.engine.now() > body.expireTime * 1000) throw new HuaweiDoorError('SIGNATURE_EXPIRED');
}

/** The last instant a nonce can be remembered to: a logon signed with expireTime 0 is valid for ever. */
const FOREVER = Number.MAX_SAFE_INTEGER;

/**
 * The nonce is remembered for as long as the signature could be accepted, so the same bytes are
 * never accepted twice: the window, and at least a second past expireTime (the second covers the
 * instant of expiry itself); for expireTime 0, which never expires, for good (README).
 */
function nonceClaim(deps: DoorDeps, body: AppAuthBody): NonceClaim {
  const now = deps.engine.now();
  const window = deps.config.huaweiNonceWindowSeconds * 1000;
  const windowMs = body.expireTime === 0 ? FOREVER - now : Math.max(window, body.expireTime * 1000 - now + 1000);
  return { scope: `huawei-appauth:${body.appId}`, nonce: body.nonce, windowMs };
}

/** POST /v2/usg/acs/auth/appauth: App ID authentication. */
export function appAuth(deps: DoorDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const authorization = parseAuthorization(req.get('authorization'));
    const body = validOrThrow(validateBody, await readJson(req, deps.config.maxBodyBytes));
    if (authorization.appId !== body.appId) throw new HuaweiDoorError('BAD_SIGNATURE', 'access');
    const app = await findApp(deps, body.appId);
    verifySignature(app, body, authorization.signature);
    checkExpireTime(deps, body);
    const issued = await deps.engine.logonWithApp(
      app.appId,
      body.userId || null,
      tokenRequests(deps, body.clientType),
      nonceClaim(deps, body),
    );
    sendJson(res, issuedReply(issued, req.ip ?? ''));
  };
}
