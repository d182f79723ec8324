import type { Request } from 'express';

/** How a door answers a body over its limit: it sends its own 413 and returns a value, or throws its own error. */
export type AnswerTooLarge<T> = (req: Request, limit: number) => T;

// Module-level rather than a closure per request: this runs on every hot POST.
function tooLarge<T>(
  answer: AnswerTooLarge<T>,
  req: Request,
  limit: number,
  resolve: (value: T) => void,
  reject: (err: unknown) => void,
): void {
  try {
    resolve(answer(req, limit));
  } catch (err) {
    reject(err);
  }
}

/**
 * Reads the whole body up to limit bytes, or gives what answer413 gives. A declared
 * Content-Length over the limit is answered before a byte is read; a chunked body as soon as it
 * passes the limit, and the rest of it is drained unread.
 */
export function readBodyOr413<T>(req: Request, limit: number, answer413: AnswerTooLarge<T>): Promise<Buffer | T> {
  const declared = Number(req.get('content-length') ?? NaN);
  return new Promise((resolve, reject) => {
    if (declared > limit) return tooLarge(answer413, req, limit, resolve, reject);
    const parts: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        req.resume();
        tooLarge(answer413, req, limit, resolve, reject);
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
