import type { Request, Response } from 'express';
import { sendBody } from '../../http/sendBody';
import { fillPlaceholders } from '../fillPlaceholders';
import type { WireError } from '../wireError';
import { ASMX_DOOR_ERRORS } from './errorTable';

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

/** The answers ASMX gives with no body at all (415, 400): the row's status and nothing else. */
export function answerEmpty(res: Response, row: WireError): void {
  res.status(row.status).end();
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

/** The GET and form POST bindings answer their own errors as plain text. */
export function answerPlain(res: Response, row: WireError, ...values: string[]): void {
  sendBody(res, row.status, 'text/plain; charset=utf-8', fillPlaceholders(row.message, ...values));
}
