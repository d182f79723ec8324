import { createServer, IncomingMessage, ServerResponse, type Server } from 'node:http';
import type { Express } from 'express';

/**
 * An HTTP server whose requests and responses are born with Express's prototypes in their
 * chain. Express (and the fast routes) would otherwise re-parent every request and response
 * with Object.setPrototypeOf, which V8 makes costly per object; here the hot routes need not.
 */
export function createExpressServer(app: Express): Server {
  const { request, response } = app as unknown as { request: object; response: object };
  class ExpressRequest extends IncomingMessage {}
  Object.setPrototypeOf(ExpressRequest.prototype, request);
  class ExpressResponse extends ServerResponse {}
  Object.setPrototypeOf(ExpressResponse.prototype, response);
  return createServer({ IncomingMessage: ExpressRequest, ServerResponse: ExpressResponse }, app);
}
