import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { DoorRoute, PathRoute, RouteMethod } from './routes';

const EXPRESS_METHOD = { GET: 'get', POST: 'post', PUT: 'put', DELETE: 'delete' } as const satisfies Record<RouteMethod, string>;

/** Express matches paths case-insensitively: two spellings of one path are one path. */
function refuseDuplicates(routes: readonly DoorRoute[]): void {
  const seen = new Set<string>();
  for (const route of routes) {
    const key = 'path' in route ? route.path.toLowerCase() : `${route.prefix.toLowerCase()} (router)`;
    if (seen.has(key)) throw new Error(`${key} is declared twice: declare each path once, with all its methods`);
    seen.add(key);
  }
}

function registerPath(app: Express, route: PathRoute): void {
  for (const [method, handler] of Object.entries(route.methods) as [RouteMethod, PathRoute['methods'][RouteMethod]][]) {
    if (handler) app[EXPRESS_METHOD[method]](route.path, handler);
  }
  if (route.otherMethods) app.all(route.path, route.otherMethods);
}

/**
 * The Express application behind the fast table: every declared route in declaration order, then
 * the 404 text, then the last-resort error handler. The shared steps are not here: the front
 * door has run them before Express sees the request.
 */
export function expressApp(routes: readonly DoorRoute[], lastResort: (err: unknown, req: Request, res: Response) => void): Express {
  refuseDuplicates(routes);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  for (const route of routes) {
    if ('path' in route) registerPath(app, route);
    else app.use(route.prefix, route.router);
  }
  app.use((_req: Request, res: Response) => {
    res.status(404).type('text/plain').send('Not Found');
  });
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => lastResort(err, req, res));
  return app;
}
