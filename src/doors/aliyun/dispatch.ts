import type { Request, Response } from 'express';
import type { DoorDeps } from '../doorDeps';
import { isEngineError, type NonceClaim } from '../../engine';
import { newUuidV7 } from '../../http/requestId';
import type { AliyunAction } from './actionContext';
import { findAction } from './actions';
import { AliyunDoorError } from './aliyunError';
import { mapAliyunError } from './mapError';
import { readAliyunRequest } from './parseRequest';
import { renderError, renderSuccess, type ReplyFormat } from './render';
import { claimNonceNow, refuseSecurityToken, verifySignedRequest } from './verifyRequest';

interface Attempt {
  requestId: string;
  format: ReplyFormat;
  action?: AliyunAction;
  params?: ReadonlyMap<string, string>;
  keyId?: string;
  /** Set once the signature holds. */
  nonce?: NonceClaim;
}

/** Alibaba clients print RequestId upper-case UUIDs; the access log and the audit use the same id. */
function startAttempt(res: Response): Attempt {
  const requestId = newUuidV7();
  res.locals.requestId = requestId;
  res.setHeader('x-acs-request-id', requestId);
  res.locals.door = 'aliyun';
  return { requestId, format: 'JSON' };
}

/** A refusal the engine never saw still leaves its audit row, once the request names an action. */
async function auditDoorRefusal(deps: DoorDeps, attempt: Attempt, err: AliyunDoorError): Promise<void> {
  if (!attempt.action || !attempt.params) return;
  const { verb, target } = attempt.action.describe(attempt.params);
  const caller = (attempt.keyId ?? 'anonymous').slice(0, 128);
  try {
    await deps.engine.recordRefusal(
      { requestId: attempt.requestId, door: attempt.action.door },
      [{ caller, target, verb, before: null }],
      err.outcome,
    );
  } catch (auditErr) {
    deps.logger.error({ err: auditErr, reqId: attempt.requestId }, 'aliyun: could not audit a refused request');
  }
}

async function answerError(deps: DoorDeps, req: Request, res: Response, attempt: Attempt, err: unknown): Promise<void> {
  if (err instanceof AliyunDoorError) await auditDoorRefusal(deps, attempt, err);
  else if (!isEngineError(err)) deps.logger.error({ err, reqId: attempt.requestId }, 'aliyun: unexpected error');
  const mapped = mapAliyunError(err, attempt.action, attempt.keyId);
  renderError(res, attempt.format, {
    ...mapped,
    requestId: attempt.requestId,
    hostId: (req.get('host') ?? '').slice(0, 255),
    action: attempt.action?.name,
  });
}

/**
 * A verified request refused before the engine saw it (a bad parameter, say) still uses its
 * nonce up, and a replay is answered as a replay whatever else is wrong with it, as when the
 * nonce was claimed before the action ran. The engine has claimed it already for any error of
 * its own (in the change's transaction, or in the refusal's after a rollback).
 */
async function withNonceClaimed(deps: DoorDeps, attempt: Attempt, err: unknown): Promise<unknown> {
  if (!attempt.nonce || isEngineError(err)) return err;
  try {
    await claimNonceNow(deps.engine, attempt.nonce);
    return err;
  } catch (claimErr) {
    return claimErr instanceof AliyunDoorError ? claimErr : err;
  }
}

/** One RPC request: parse, find the action, refuse STS, verify the signature, run the action, render. */
export function aliyunDispatch(deps: DoorDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const attempt = startAttempt(res);
    try {
      const parsed = await readAliyunRequest(req, deps.config.maxBodyBytes);
      attempt.format = parsed.format;
      attempt.params = parsed.params;
      attempt.action = findAction(parsed);
      res.locals.door = attempt.action.door;
      refuseSecurityToken(parsed);
      const { keyId, nonce } = await verifySignedRequest(parsed, {
        engine: deps.engine,
        skewSeconds: deps.config.aliyunSignatureSkewSeconds,
        onKeyId: (id) => {
          attempt.keyId = id;
        },
      });
      attempt.nonce = nonce;
      const body = await attempt.action.run({
        engine: deps.engine,
        config: deps.config,
        params: parsed.params,
        keyId,
        requestId: attempt.requestId,
        nonce,
      });
      renderSuccess(res, attempt.format, attempt.action.name, body);
    } catch (err) {
      await answerError(deps, req, res, attempt, await withNonceClaimed(deps, attempt, err));
    }
  };
}
