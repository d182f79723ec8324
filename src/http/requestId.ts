import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';

/** A caller's own id is logged when it is printable and short. */
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

/** One call to the system's random source per 256 ids: a call per request costs more than the id. */
const POOL_IDS = 256;
const RANDOM_BYTES = 10;
let pool = Buffer.alloc(0);
let next = 0;

/**
 * 32 lower-case hex digits: 48 bits of milliseconds then 80 random bits, as in a version 7
 * UUID. Ids made one after another sort together, so the audit's request-id index grows at
 * its end instead of rewriting a random page of itself for every change.
 */
export function newRequestId(): string {
  if (next >= pool.length) {
    pool = randomBytes(RANDOM_BYTES * POOL_IDS);
    next = 0;
  }
  next += RANDOM_BYTES;
  return Date.now().toString(16).padStart(12, '0') + pool.toString('hex', next - RANDOM_BYTES, next);
}

/** A version 7 UUID (RFC 9562) in upper case, the shape of Alibaba's RequestId. */
export function newUuidV7(): string {
  const hex = newRequestId();
  // Version nibble 7, variant bits 10: the random part keeps 74 of its 80 bits.
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`.toUpperCase();
}

/**
 * Keeps the caller's X-Request-Id, when it is acceptable, as a field of its own: a caller may
 * repeat another request's id, so it never becomes ours. Our id, unique to the request, is made
 * on first use, so a door that answers with ids of its own wire shape (Alibaba) does not make
 * one for nothing.
 */
export function requestId(req: Request, res: Response): void {
  const given = req.headers['x-request-id'];
  if (typeof given === 'string' && ACCEPTABLE.test(given)) res.locals.callerRequestId = given;
}

/** The id the caller sent, when it sent an acceptable one. */
export function callerRequestIdOf(res: Response): string | undefined {
  return res.locals.callerRequestId as string | undefined;
}

/** The request's own id (audit rows, the X-Request-Id reply header): the one its door set, or a new one from now on. */
export function requestIdOf(res: Response): string {
  res.locals.requestId ??= newRequestId();
  return String(res.locals.requestId);
}

/**
 * The id a reply names where its wire echoes the caller's (Huawei's X-Request-Id and request_id:
 * its SDKs read back the id they sent): the caller's, else ours. The audit keeps ours.
 */
export function replyRequestIdOf(res: Response): string {
  return callerRequestIdOf(res) ?? requestIdOf(res);
}
