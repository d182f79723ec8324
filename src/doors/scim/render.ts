import type { NextFunction, Request, Response } from 'express';
import { isEngineError, toEngineError } from '../../engine';
import { requestIdOf } from '../../http/requestId';
import type { Logger } from '../../log';
import type { WireError } from '../wireError';
import { SCIM_DOOR_ERRORS, SCIM_ENGINE_ERRORS, ScimDoorError } from './errorTable';
import { ERROR_SCHEMA } from './schemaNames';

/** Every answer of this door, errors included (RFC 7644 §3.1; Entra checks it). */
const SCIM_TYPE = 'application/scim+json; charset=utf-8';

export function render(res: Response, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const bytes = body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(body), 'utf8');
  res.status(status);
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  if (body !== undefined) res.setHeader('Content-Type', SCIM_TYPE);
  res.setHeader('Content-Length', bytes.length);
  res.end(bytes);
}

function wireErrorOf(err: unknown): { wire: WireError; detail: string } {
  if (err instanceof ScimDoorError) return { wire: SCIM_DOOR_ERRORS[err.key], detail: err.message };
  const engineError = toEngineError(err);
  // A PATCH refused while the engine applied it: the door's own error, carried through the engine.
  const carried = engineError.details.scim;
  if (carried instanceof ScimDoorError) return wireErrorOf(carried);
  const wire = SCIM_ENGINE_ERRORS[engineError.code];
  // The engine's own reason (which rule refused, which value) is the detail; INTERNAL says nothing more.
  return { wire, detail: engineError.code === 'INTERNAL' ? wire.message : engineError.message };
}

/** RFC 7644 §3.12: status as a string, scimType only where the RFC defines one. */
export function sendError(res: Response, err: unknown): void {
  const { wire, detail } = wireErrorOf(err);
  const body: Record<string, unknown> = { schemas: [ERROR_SCHEMA], status: String(wire.status) };
  if (wire.code) body.scimType = wire.code;
  body.detail = detail;
  const headers: Record<string, string> = wire.status === 401 ? { 'WWW-Authenticate': 'Bearer realm="statusbridge-scim"' } : {};
  render(res, wire.status, body, headers);
}

/** Express's router marks what the client got wrong (a path that is not valid percent-encoding) with a 4xx status. */
function isRequestFault(err: unknown): boolean {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/** The door's last error handler: stack traces go to the log, never to the wire. */
export function renderErrors(logger: Logger) {
  return (thrown: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    const err = isRequestFault(thrown) && !isEngineError(thrown) ? new ScimDoorError('BAD_VALUE', 'The request path is malformed') : thrown;
    if (!(err instanceof ScimDoorError) && !isEngineError(err)) {
      logger.error({ err, reqId: requestIdOf(res), door: 'scim' }, 'unexpected error in the scim door');
    }
    if (res.headersSent) return;
    sendError(res, err);
  };
}
