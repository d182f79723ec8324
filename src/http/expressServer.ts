import { createServer, IncomingMessage, ServerResponse, type RequestListener, type Server } from 'node:http';
import type { Express } from 'express';

/** A server that listens before its routes exist, then serves them once they do. */
export interface DeferredServer {
  server: Server;
  /** Gives the requests Express's prototypes and hands every request from now on to listener. */
  serve(app: Express, listener: RequestListener): void;
}

/** Until the server is ready: a short 503, and the connection closed so the client retries afresh. */
const notReady: RequestListener = (_req, res) => {
  res.statusCode = 503;
  res.setHeader('Connection', 'close');
  res.setHeader('Retry-After', '1');
  res.end('starting\n');
};

/**
 * An HTTP server whose requests and responses are born with Express's prototypes in their chain,
 * set once on two subclasses when serve() is called. The front door's steps and fast routes use
 * Express's request and response methods before, or without, Express seeing the request; and
 * Express's app.handle re-parents every request and response with Object.setPrototypeOf, which
 * V8 makes costly per object unless the prototype is already the one given. The server can listen
 * first (a port in use then fails a start before it has created anything) and serve later.
 */
export function deferredExpressServer(): DeferredServer {
  class ExpressRequest extends IncomingMessage {}
  class ExpressResponse extends ServerResponse {}
  const server = createServer({ IncomingMessage: ExpressRequest, ServerResponse: ExpressResponse }, notReady);
  return {
    server,
    serve(app, listener) {
      const { request, response } = app as unknown as { request: object; response: object };
      Object.setPrototypeOf(ExpressRequest.prototype, request);
      Object.setPrototypeOf(ExpressResponse.prototype, response);
      // Swapped rather than called through a variable: the hot path keeps one direct listener.
      server.removeListener('request', notReady);
      server.on('request', listener);
    },
  };
}

/** A server that serves the app's listener at once. */
export function createExpressServer(app: Express, listener: RequestListener): Server {
  const deferred = deferredExpressServer();
  deferred.serve(app, listener);
  return deferred.server;
}
