import type { Request } from 'express';

export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
}

/**
 * Reads the whole body up to limit bytes. A declared Content-Length over the limit fails
 * before a byte is read; a chunked body fails as soon as it passes the limit.
 */
export function readRawBody(req: Request, limit: number): Promise<Buffer> {
  const declared = Number(req.get('content-length') ?? NaN);
  if (declared > limit) return Promise.reject(new BodyTooLargeError());
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        req.resume();
        reject(new BodyTooLargeError());
        return;
      }
      parts.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(parts));
    });
    req.on('error', (err) => {
      if (!failed) reject(err);
    });
  });
}
