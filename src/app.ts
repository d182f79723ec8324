import type { Store } from './engine';
import type { DoorDeps } from './doors/doorDeps';
import { aliyunRoutes } from './doors/aliyun';
import { asmxRoutes } from './doors/asmx';
import { huaweiRoutes } from './doors/huawei';
import { scimRoutes } from './doors/scim';
import { accessLog } from './http/accessLog';
import { healthRoutes } from './http/health';
import { requestId } from './http/requestId';
import type { DoorRoute, RequestStep } from './http/routes';
import type { Logger } from './log';

/** The doors' dependencies, plus the store for /readyz. */
export interface AppDeps extends DoorDeps {
  store: Store;
}

/**
 * Every route the server answers, in the order Express tries them: health, then each door's
 * list. A door's list is its only declaration of its routes; the fast table comes from it too.
 * Each door parses its own bodies within config.maxBodyBytes.
 */
export function appRoutes(deps: AppDeps): DoorRoute[] {
  const doorDeps: DoorDeps = { engine: deps.engine, config: deps.config, logger: deps.logger };
  return [
    ...healthRoutes(deps.store),
    ...asmxRoutes(doorDeps),
    ...aliyunRoutes(doorDeps),
    ...huaweiRoutes(doorDeps),
    ...scimRoutes(doorDeps),
  ];
}

/** The steps every request takes first, whatever answers it; a server's own steps run after these. */
export function sharedSteps(logger: Logger): RequestStep[] {
  return [requestId, accessLog(logger)];
}
