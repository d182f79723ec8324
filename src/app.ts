import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Store } from './engine';
import type { DoorDeps } from './doors/doorDeps';
import { accessLog } from './http/accessLog';
import { installFastRoutes } from './http/fastRoutes';
import { healthRoutes } from './http/health';
import { requestId, requestIdOf } from './http/requestId';
import { mountAsmxDoor } from './doors/asmx';
import { mountAliyunDoor } from './doors/aliyun';
import { mountHuaweiDoor } from './doors/huawei';

/** The doors' dependencies, plus the store for /readyz. */
export interface AppDeps extends DoorDeps {
  store: Store;
}

/** One Express application serving every door; each door parses its own bodies within config.maxBodyBytes. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  const everyRequest = [requestId, accessLog(deps.logger)];
  for (const step of everyRequest) app.use(step);
  app.use(healthRoutes(deps.store));
  const doorDeps: DoorDeps = { engine: deps.engine, config: deps.config, logger: deps.logger };
  const fastRoutes = [...mountAsmxDoor(app, doorDeps), ...mountAliyunDoor(app, doorDeps)];
  mountHuaweiDoor(app, doorDeps);
  app.use((_req: Request, res: Response) => {
    res.status(404).type('text/plain').send('Not Found');
  });
  // Last resort: a door renders its own errors; anything reaching here is logged, never sent.
  const lastResort = (err: unknown, req: Request, res: Response): void => {
    // A client that hung up mid-request is not a server fault; the access log marks it aborted.
    if (req.destroyed || res.destroyed) return;
    deps.logger.error({ err, reqId: requestIdOf(res) }, 'unhandled error');
    if (!res.headersSent) res.status(500).type('text/plain').send('Internal Server Error');
  };
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => lastResort(err, req, res));
  installFastRoutes(app, fastRoutes, everyRequest, lastResort);
  return app;
}
