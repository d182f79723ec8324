import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/** A caller's own id is kept when it is printable and short; otherwise 32 lower-case hex. */
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

/** One call to the system's random source per 256 ids: a call per request costs more than the id. */
const POOL_IDS = 256;
let pool = Buffer.alloc(0);
let next = 0;

export function newRequestId(): string {
  if (next >= pool.length) {
    pool = randomBytes(16 * POOL_IDS);
    next = 0;
  }
  next += 16;
  return pool.toString('hex', next - 16, next);
}

/** Sets res.locals.requestId; a door may replace it with an id in its own wire shape. */
export function requestId(req: Request, res: Response, next: NextFunction): void {
  const given = req.get('x-request-id');
  res.locals.requestId = given && ACCEPTABLE.test(given) ? given : newRequestId();
  next();
}

export function requestIdOf(res: Response): string {
  return String(res.locals.requestId);
}
