import type { ServerResponse } from 'node:http';

/**
 * Writes a complete text reply with the headers Express's res.send would give it (Content-Type
 * as given, then Content-Length), without res.send's per-call work: the hot doors answer with
 * a charset already in the type, never use ETags, and a string body lets Node write the
 * headers and the body in one system call. HEAD requests still get no body: Node drops it.
 */
export function sendBody(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}
