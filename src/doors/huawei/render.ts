import type { NextFunction, Request, Response } from 'express';
import { isEngineError, toEngineError, type EngineError } from '../../engine';
import { replyRequestIdOf, requestIdOf } from '../../http/requestId';
import type { Logger } from '../../log';
import type { WireError } from '../wireError';
import { HUAWEI_DOOR_ERRORS, HUAWEI_ENGINE_ERRORS, HuaweiDoorError } from './errorTable';
import { languageOf, messageWithDetail } from './messages';

/** Exactly as Huawei sends it: SDKs that compare the header as text see what they expect. */
const JSON_TYPE = 'application/json;charset=UTF-8';

/** Unknown accounts named in one error message; the rest are counted, so the reply stays small. */
const MAX_NAMED_ACCOUNTS = 100;

/** Every reply of this door, success or error, goes out through here. */
function send(res: Response, status: number, body: string): void {
  const bytes = Buffer.from(body, 'utf8');
  res.status(status);
  res.setHeader('Content-Type', JSON_TYPE);
  res.setHeader('Content-Length', bytes.length);
  res.end(bytes);
}

export function sendJson(res: Response, body: unknown): void {
  send(res, 200, JSON.stringify(body));
}

/** 200 with no body: the batch status call and logout. */
export function sendEmpty(res: Response): void {
  send(res, 200, '');
}

function unknownAccounts(err: EngineError): string | undefined {
  const unknown = err.details.unknown;
  if (!Array.isArray(unknown) || unknown.length === 0) return undefined;
  const named = unknown.slice(0, MAX_NAMED_ACCOUNTS).map(String).join(', ');
  return unknown.length > MAX_NAMED_ACCOUNTS ? `${named} (+${unknown.length - MAX_NAMED_ACCOUNTS})` : named;
}

/** Every error as the wire shows it; anything unexpected becomes INTERNAL with no detail. */
function wireErrorOf(err: unknown): { wire: WireError; detail?: string } {
  if (err instanceof HuaweiDoorError) return { wire: HUAWEI_DOOR_ERRORS[err.key], detail: err.detail };
  const engineError = toEngineError(err);
  return { wire: HUAWEI_ENGINE_ERRORS[engineError.code], detail: unknownAccounts(engineError) };
}

export function sendError(req: Request, res: Response, err: unknown): void {
  const { wire, detail } = wireErrorOf(err);
  const body = {
    error_code: wire.code,
    error_msg: messageWithDetail(wire.code, languageOf(req.get('accept-language')), detail),
    request_id: replyRequestIdOf(res),
  };
  send(res, wire.status, JSON.stringify(body));
}

/** Express's router marks what the client got wrong (a path that is not valid percent-encoding) with a 4xx status. */
function isRequestFault(err: unknown): boolean {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/** The door's last error handler: stack traces go to the log, never to the wire. */
export function renderErrors(logger: Logger) {
  return (thrown: unknown, req: Request, res: Response, _next: NextFunction): void => {
    // A client that hung up (mid-body, say) is normal traffic: nobody is left to answer, and the access log marks it aborted.
    if (req.socket.destroyed) {
      logger.debug({ reqId: requestIdOf(res), door: 'huawei', reason: (thrown as Error | null)?.message }, 'client hung up');
      return;
    }
    const err = isRequestFault(thrown) && !isEngineError(thrown) ? new HuaweiDoorError('BAD_PARAMETER') : thrown;
    if (!(err instanceof HuaweiDoorError) && !isEngineError(err)) {
      logger.error({ err, reqId: requestIdOf(res), door: 'huawei' }, 'unexpected error in the huawei door');
    }
    if (res.headersSent) return;
    sendError(req, res, err);
  };
}
