import type { Request } from 'express';
import { readBodyOr413 } from '../../http/rawBody';
import { HuaweiDoorError } from './errorTable';

/** The door's 413 is its ordinary JSON error, naming the limit. */
function refuseTooLarge(_req: Request, limit: number): never {
  throw new HuaweiDoorError('BODY_TOO_LARGE', String(limit));
}

/** The body as JSON, read within limit bytes; an empty body is undefined so each API picks its default. */
export async function readJson(req: Request, limit: number): Promise<unknown> {
  const raw = await readBodyOr413(req, limit, refuseTooLarge);
  // A BOM is legal in front of UTF-8 JSON from some Windows clients; JSON.parse rejects it.
  const text = raw.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HuaweiDoorError('BAD_JSON');
  }
}
