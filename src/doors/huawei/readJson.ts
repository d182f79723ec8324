import type { Request } from 'express';
import { BodyTooLargeError, readRawBody } from '../../http/rawBody';
import { HuaweiDoorError } from './errorTable';

/** The body as JSON, read within limit bytes; an empty body is undefined so each API picks its default. */
export async function readJson(req: Request, limit: number): Promise<unknown> {
  let raw: Buffer;
  try {
    raw = await readRawBody(req, limit);
  } catch (err) {
    if (err instanceof BodyTooLargeError) throw new HuaweiDoorError('BODY_TOO_LARGE', String(limit));
    throw err;
  }
  // A BOM is legal in front of UTF-8 JSON from some Windows clients; JSON.parse rejects it.
  const text = raw.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HuaweiDoorError('BAD_JSON');
  }
}
