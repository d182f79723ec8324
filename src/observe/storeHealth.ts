import type { Logger } from '../log';
import type { StoreObserver } from '../store/storeObserver';
import type { Metrics } from './metrics';

/** The first line of a driver error, without a stack: enough to tell a refused connection from a full disk. */
function describe(cause: unknown): { message: string; code?: string } {
  if (cause instanceof AggregateError && cause.errors.length > 0) return describe(cause.errors[0]);
  const code = (cause as { code?: unknown }).code;
  const message = cause instanceof Error ? cause.message : String(cause);
  return typeof code === 'string' ? { message, code } : { message };
}

/**
 * Watches the store: logs "database unavailable" once, with its cause, when it first fails, and
 * "database recovered" once when it serves again; counts SQLite commits for the metrics.
 */
export function storeHealth(logger: Logger, metrics: Metrics | null): StoreObserver {
  let down = false;
  let since = 0;
  const recovered = (): void => {
    if (!down) return;
    down = false;
    metrics?.storeUp.set(1);
    logger.info({ downMs: Date.now() - since }, 'database recovered');
  };
  return {
    unavailable(cause) {
      if (down) return;
      down = true;
      since = Date.now();
      metrics?.storeUp.set(0);
      logger.error({ cause: describe(cause) }, 'database unavailable');
    },
    available: recovered,
    committed(size, seconds) {
      recovered();
      metrics?.groupSize.observe(size);
      metrics?.commitSeconds.observe(seconds);
    },
  };
}
