import type { Response } from 'express';
import { fillPlaceholders } from '../fillPlaceholders';
import type { WireError } from '../wireError';
import { htmlEncode } from './htmlEncode';

/**
 * ASP.NET answers a request it cannot route with an HTML error page. With customErrors On, what a
 * remote client of a default install sees, that is the generic "Runtime Error" page; its status
 * and type are the promise, the page is ours, and it names the reason as .NET words it.
 */
export function errorPage(message: string): string {
  return [
    '<!DOCTYPE html>',
    '<html>',
    '<head><title>Runtime Error</title></head>',
    '<body>',
    "<h1>Server Error in '/' Application.</h1>",
    '<h2>Runtime Error</h2>',
    `<p>${htmlEncode(message)}</p>`,
    '</body>',
    '</html>',
  ].join('\r\n');
}

/** An HTML error answer for a row of the door's table; HEAD gets the status alone. */
export function answerErrorPage(res: Response, row: WireError, ...values: string[]): void {
  const body = errorPage(fillPlaceholders(row.message, ...values));
  res.status(row.status);
  res.setHeader('Cache-Control', 'private');
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}
