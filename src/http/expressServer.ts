import { createServer, IncomingMessage, ServerResponse, type RequestListener, type Server } from 'node:http';
import type { Express } from 'express';

/**
 * An HTTP server whose requests and responses are born with Express's prototypes in their chain,
 * set once here on two subclasses. The front door's steps and fast routes use Express's request
 * and response methods before, or without, Express seeing the request; and Express's app.handle
 * re-parents every request and response with Object.setPrototypeOf, which V8 makes costly per
 * object unless the prototype is already the one given.
 */
export function createExpressServer(app: Express, listener: RequestListener): Server {
  const { request, response } = app as unknown as { request: object; response: object };
  class ExpressRequest extends IncomingMessage {}
  Object.setPrototypeOf(ExpressRequest.prototype, request);
  class ExpressResponse extends ServerResponse {}
  Object.setPrototypeOf(ExpressResponse.prototype, response);
  return createServer({ IncomingMessage: ExpressRequest, ServerResponse: ExpressResponse }, listener);
}
