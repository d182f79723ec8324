import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Express, NextFunction, Request, Response } from 'express';

export type FastHandler = (req: Request, res: Response) => Promise<void>;

/** One hot route: a method and an exact path (or a path prefix naming one segment). */
export interface FastRoute {
  method: 'GET' | 'POST';
  /** The exact path, or a prefix ending in '/' whose one remaining segment becomes params[param]. */
  path: string;
  param?: string;
  handler: FastHandler;
}

type Middleware = (req: Request, res: Response, next: NextFunction) => void;
type Handle = (req: IncomingMessage, res: ServerResponse, next?: NextFunction) => void;

/** Segments Express would decode or treat specially (%, dots, slashes) go the long way round. */
const PLAIN_SEGMENT = /^[A-Za-z0-9_]+$/;

function routeFor(routes: readonly FastRoute[], method: string | undefined, url: string): { route: FastRoute; segment?: string } | null {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  for (const route of routes) {
    if (route.method !== method) continue;
    if (route.param === undefined) {
      if (path === route.path) return { route };
    } else if (path.startsWith(route.path)) {
      const segment = path.slice(route.path.length);
      if (PLAIN_SEGMENT.test(segment)) return { route, segment };
    }
  }
  return null;
}

/**
 * Serves the doors' hot routes without Express's router: per request it costs more than the
 * work of a status change. The request still becomes an Express request and response, gets the
 * same request id and access log line, and a failure ends in the same last-resort handler;
 * every other request, and every spelling of these paths Express would also match (case,
 * trailing slash, percent-encoding, HEAD), goes through Express unchanged.
 */
export function installFastRoutes(
  app: Express,
  routes: readonly FastRoute[],
  middleware: readonly Middleware[],
  lastResort: (err: unknown, req: Request, res: Response) => void,
): void {
  const target = app as unknown as { handle: Handle; request: object; response: object };
  const viaExpress = target.handle.bind(app);
  const noop: NextFunction = () => undefined;
  target.handle = (rawReq, rawRes, next) => {
    const found = routeFor(routes, rawReq.method, rawReq.url ?? '');
    if (!found) return viaExpress(rawReq, rawRes, next);
    // What app.handle and the router set up before a route handler runs; a server made by
    // createExpressServer has the prototypes in place already.
    if (!Object.prototype.isPrototypeOf.call(target.request, rawReq)) Object.setPrototypeOf(rawReq, target.request);
    if (!Object.prototype.isPrototypeOf.call(target.response, rawRes)) Object.setPrototypeOf(rawRes, target.response);
    const req = rawReq as Request;
    const res = rawRes as unknown as Response;
    req.res = res;
    res.req = req;
    res.locals ??= Object.create(null) as Response['locals'];
    req.originalUrl = req.url;
    req.baseUrl = '';
    req.params = found.route.param === undefined || found.segment === undefined ? {} : { [found.route.param]: found.segment };
    for (const step of middleware) step(req, res, noop);
    found.route.handler(req, res).catch((err: unknown) => lastResort(err, req, res));
  };
}
