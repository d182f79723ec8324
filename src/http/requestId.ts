import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/** A caller's own id is kept when it is printable and short; otherwise 32 lower-case hex. */
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

/** One call to the system's random source per 256 ids: a call per request costs more than the id. */
const POOL_IDS = 256;
const RANDOM_BYTES = 10;
let pool = Buffer.alloc(0);
let next = 0;

/**
 * 48 bits of milliseconds then 80 random bits, as in a version 7 UUID: ids made one after
 * another sort together, so the audit's request-id index grows at its end instead of
 * rewriting a random page of itself for every change.
 */
function timeOrderedHex(): string {
  if (next >= pool.length) {
    pool = randomBytes(RANDOM_BYTES * POOL_IDS);
    next = 0;
  }
  next += RANDOM_BYTES;
  return Date.now().toString(16).padStart(12, '0') + pool.toString('hex', next - RANDOM_BYTES, next);
}

/** 32 lower-case hex digits, time-ordered. */
export function newRequestId(): string {
  return timeOrderedHex();
}

/** A version 7 UUID (RFC 9562) in upper case, the shape of Alibaba's RequestId. */
export function newUuidV7(): string {
  const hex = timeOrderedHex();
  // Version nibble 7, variant bits 10: the random part keeps 74 of its 80 bits.
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`.toUpperCase();
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
