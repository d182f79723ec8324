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
 * An oversized body, on every binding: an empty 413, and the connection closes so the rest of
 * the body is never read. Module-level, for readBodyOr413, so no closure is made per request;
 * the response is the one Express links to every request as req.res.
 */
export function answerTooLarge(req: Request): null {
  const res = req.res;
  if (!res) throw new Error('asmx: a request without its response');
  res.status(ASMX_DOOR_ERRORS.BODY_TOO_LARGE.status).set('Connection', 'close').end();
  return null;
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
