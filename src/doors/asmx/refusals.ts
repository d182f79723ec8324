import type { Request, Response } from 'express';
import { sendBody } from '../../http/sendBody';
import { fillPlaceholders } from '../fillPlaceholders';
import type { WireError } from '../wireError';
import { ASMX_DOOR_ERRORS } from './errorTable';
import { htmlEncode } from './htmlEncode';

/** A refusal decided while reading a request: its row of the door's table and the values for its placeholders. */
export class AsmxRefusal extends Error {
  override name = 'AsmxRefusal';
  readonly values: string[];

  constructor(
    readonly row: WireError,
    ...values: string[]
  ) {
    super(row.code);
    this.values = values;
  }
}

/** What ASP.NET sends on service replies; its error pages say only `private`. */
export const CACHE_CONTROL = 'private, max-age=0';
const TEXT_XML = 'text/xml; charset=utf-8';

/** A complete asmx reply: every one carries ASP.NET's Cache-Control. */
export function sendAsmx(res: Response, status: number, contentType: string, body: string): void {
  res.setHeader('Cache-Control', CACHE_CONTROL);
  sendBody(res, status, contentType, body);
}

/** The answers ASMX gives with no body at all (415, 400): the row's status, a text/xml type unless told, nothing else. */
export function answerEmpty(res: Response, row: WireError, contentType = TEXT_XML): void {
  sendAsmx(res, row.status, contentType, '');
}

/**
 * An oversized body, on every binding: an empty 413, delivered. Closing the connection while the
 * client is still sending makes its next write fail (EPIPE, ECONNRESET) and the answer is often
 * lost, so the rest of the body is read and thrown away, up to discardBytes, and the answer ends
 * once the body has; a body larger than that gets the connection closed after all. The head goes
 * out at once, for clients that read while they send. Made once per binding, not per request.
 */
export function tooLargeAnswer(discardBytes: number): (req: Request) => null {
  return (req) => {
    const res = req.res;
    if (!res) throw new Error('asmx: a request without its response');
    res.statusCode = ASMX_DOOR_ERRORS.BODY_TOO_LARGE.status;
    res.setHeader('Cache-Control', CACHE_CONTROL);
    res.setHeader('Content-Length', 0);
    res.flushHeaders();
    if (req.readableEnded) {
      res.end();
      return null;
    }
    let discarded = 0;
    req.on('data', (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > discardBytes) req.socket.destroy();
    });
    req.on('end', () => res.end());
    req.resume();
    return null;
  };
}

const SEPARATOR = ' ---> ';

/**
 * A GET/POST error text as ASP.NET writes an exception chain for a remote client: each message
 * HTML-encoded on its own (the values with it), the messages joined by a raw " ---> ", and a
 * line break at the end. A row's message holds the chain with its separators, and LF where .NET
 * writes a line break inside a message (before "Parameter name:"); on the wire every one is CRLF.
 */
export function plainText(row: WireError, ...values: string[]): string {
  const encodedValues = values.map(htmlEncode);
  const chain = row.message
    .split(SEPARATOR)
    .map((message) => fillPlaceholders(htmlEncode(message).replace(/\n/g, '\r\n'), ...encodedValues))
    .join(SEPARATOR);
  return `${chain}\r\n`;
}

/** The GET and form POST bindings answer their own errors as plain text. */
export function answerPlain(res: Response, row: WireError, ...values: string[]): void {
  sendAsmx(res, row.status, 'text/plain; charset=utf-8', plainText(row, ...values));
}
