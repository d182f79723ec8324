import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Request, Response } from 'express';
import type { Logger } from '../log';
import { expressApp } from './expressRoutes';
import { deferredExpressServer } from './expressServer';
import { fastLookup } from './fastTable';
import { requestIdOf } from './requestId';
import type { DoorRoute, RequestStep } from './routes';

export interface FrontDoorOptions {
  /** Every door's routes, health first: Express tries them in this order. */
  routes: readonly DoorRoute[];
  /** The shared per-request steps, run in this order for every request. */
  steps: readonly RequestStep[];
  logger: Logger;
}

/**
 * The one request listener. For every request, whatever answers it: the shared steps once, then
 * the fast table (the measured hot routes, served without Express's router, which costs more per
 * request than a status change), then Express for everything else. Both answer from the same
 * route declarations and end in the same last-resort handler.
 */
export function createFrontDoorServer(options: FrontDoorOptions): Server {
  const door = openFrontDoor();
  door.serve(options);
  return door.server;
}

/** A front door that can listen (answering 503 "starting") before its routes are built. */
export interface FrontDoor {
  server: Server;
  serve(options: FrontDoorOptions): void;
}

export function openFrontDoor(): FrontDoor {
  const deferred = deferredExpressServer();
  return {
    server: deferred.server,
    serve(options) {
      const { app, listener } = frontDoorListener(options);
      deferred.serve(app, listener);
    },
  };
}

function frontDoorListener({ routes, steps, logger }: FrontDoorOptions): {
  app: ReturnType<typeof expressApp>;
  listener: (rawReq: IncomingMessage, rawRes: ServerResponse) => void;
} {
  // Last resort: a door renders its own errors; anything reaching here is logged, never sent.
  const lastResort = (err: unknown, req: Request, res: Response): void => {
    // A client that hung up mid-request is not a server fault; the access log marks it aborted.
    if (req.destroyed || res.destroyed) return;
    logger.error({ err, reqId: requestIdOf(res) }, 'unhandled error');
    if (!res.headersSent) res.status(500).type('text/plain').send('Internal Server Error');
  };
  const app = expressApp(routes, lastResort);
  const fast = fastLookup(routes);

  const listener = (rawReq: IncomingMessage, rawRes: ServerResponse): void => {
    // The server below makes every request and response with Express's prototypes already.
    const req = rawReq as Request;
    const res = rawRes as unknown as Response;
    // What Express's app.handle and router set up, done here so the steps and the fast routes
    // see it too; Express keeps what is already set.
    req.res = res;
    res.req = req;
    res.locals = Object.create(null) as Response['locals'];
    req.originalUrl = req.url;
    try {
      for (const step of steps) if (step(req, res) === 'answered') return;
      const found = fast(req.method, req.url);
      if (found) {
        req.baseUrl = '';
        req.params = found.params;
        res.locals.route = found.route;
        const done = found.handler(req, res);
        if (done) done.catch((err: unknown) => lastResort(err, req, res));
        return;
      }
    } catch (err) {
      lastResort(err, req, res);
      return;
    }
    app(req, res);
  };
  return { app, listener };
}
