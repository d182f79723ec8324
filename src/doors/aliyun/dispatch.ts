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
import { refuseSecurityToken, verifySignedRequest } from './verifyRequest';

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

/**
 * A refusal the engine never saw goes to it all the same once the request names an action: it
 * audits it and spends the nonce of a verified request. A replay is answered as a replay
 * whatever else is wrong with it, as when the engine refuses it.
 */
async function refuseAtDoor(deps: DoorDeps, attempt: Attempt, err: unknown): Promise<unknown> {
  if (!attempt.action || !attempt.params) return err;
  const { verb, target } = attempt.action.describe(attempt.params);
  try {
    await deps.engine.refuse({
      requestId: attempt.requestId,
      door: attempt.action.door,
      caller: attempt.keyId === undefined ? undefined : { kind: 'access-key', keyId: attempt.keyId },
      nonce: attempt.nonce,
      verb,
      targets: [target],
      outcome: err instanceof AliyunDoorError ? err.outcome : 'INTERNAL',
    });
  } catch (refuseErr) {
    if (isEngineError(refuseErr) && refuseErr.code === 'NONCE_REPLAYED') return refuseErr;
    deps.logger.error({ err: refuseErr, reqId: attempt.requestId }, 'aliyun: could not audit a refused request');
  }
  return err;
}

async function answerError(deps: DoorDeps, req: Request, res: Response, attempt: Attempt, err: unknown): Promise<void> {
  // A client that hung up (mid-body, say) is normal traffic: nobody is left to answer, and the access log marks it aborted.
  if (req.socket.destroyed) {
    deps.logger.debug({ reqId: attempt.requestId, reason: (err as Error | null)?.message }, 'aliyun: client hung up');
    return;
  }
  if (!isEngineError(err) && !(err instanceof AliyunDoorError))
    deps.logger.error({ err, reqId: attempt.requestId }, 'aliyun: unexpected error');
  const mapped = mapAliyunError(err, attempt.action, attempt.keyId);
  renderError(res, attempt.format, {
    ...mapped,
    requestId: attempt.requestId,
    hostId: (req.get('host') ?? '').slice(0, 255),
    action: attempt.action?.name,
  });
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
      // The engine has audited its own refusals and spent their nonces.
      await answerError(deps, req, res, attempt, isEngineError(err) ? err : await refuseAtDoor(deps, attempt, err));
    }
  };
}
