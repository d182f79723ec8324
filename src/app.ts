import type { Store } from './engine';
import type { DoorDeps } from './doors/doorDeps';
import { aliyunRoutes } from './doors/aliyun';
import { asmxRoutes } from './doors/asmx';
import { huaweiRoutes } from './doors/huawei';
import { scimRoutes } from './doors/scim';
import { accessLog } from './http/accessLog';
import { healthRoutes } from './http/health';
import { metricsRoutes } from './http/metricsRoute';
import { measureRequests } from './http/metricsStep';
import { requestId } from './http/requestId';
import type { DoorRoute, RequestStep } from './http/routes';
import type { Logger } from './log';
import { meteredEngine } from './observe/meteredEngine';
import type { Metrics } from './observe/metrics';
import type { OutcomeBook } from './observe/outcomes';

/** What watches the server: metrics (null when off), the outcomes each access-log line reads, the trusted proxies. */
export interface Observers {
  metrics: Metrics | null;
  /** Serve GET /metrics on the main port. */
  metricsOnMainPort: boolean;
  outcomes: OutcomeBook;
  trustedProxies: ReadonlySet<string>;
}

/** The doors' dependencies, plus the store for /readyz and the observers. */
export interface AppDeps extends DoorDeps {
  store: Store;
  observers: Observers;
}

/**
 * Every route the server answers, in the order Express tries them: health, then each door's
 * list. A door's list is its only declaration of its routes; the fast table comes from it too.
 * Each door parses its own bodies within config.maxBodyBytes. Each door's engine is counted by
 * a wrapper of its own (metrics, the access log's outcome), so the doors and the engine stay as they are.
 */
export function appRoutes(deps: AppDeps): DoorRoute[] {
  const { metrics, metricsOnMainPort, outcomes } = deps.observers;
  const doorDeps = (door: string): DoorDeps => ({
    engine: meteredEngine(door, deps.engine, { metrics, outcomes, logger: deps.logger }),
    config: deps.config,
    logger: deps.logger,
  });
  return [
    ...healthRoutes(deps.store),
    ...(metrics && metricsOnMainPort ? metricsRoutes(metrics) : []),
    ...asmxRoutes(doorDeps('asmx')),
    ...aliyunRoutes(doorDeps('aliyun')),
    ...huaweiRoutes(doorDeps('huawei')),
    ...scimRoutes(doorDeps('scim')),
  ];
}

/** The steps every request takes first, whatever answers it; a server's own steps run after these. */
export function sharedSteps(logger: Logger, observers: Observers): RequestStep[] {
  const timing = observers.metrics ? [measureRequests(observers.metrics)] : [];
  return [requestId, ...timing, accessLog(logger, observers.outcomes, observers.trustedProxies)];
}
