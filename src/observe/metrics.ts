import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PoolUse } from '../store/storeObserver';

/** Request latency buckets: the hot routes answer in well under a millisecond, logons take tens. */
const SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const GROUP_SIZES = [1, 2, 4, 8, 16, 32, 64, 128];

/**
 * Every metric of one server, in a registry of its own: several servers in one process (the
 * tests) each count their own requests. Process metrics are prom-client's defaults.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly requestSeconds = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from a request arriving to its reply being sent, by method, route template and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });
  readonly statusChanges = new Counter({
    name: 'statusbridge_status_changes_total',
    help: 'Status change requests that reached the engine, by door and outcome (changed, unchanged, or the engine error code)',
    labelNames: ['door', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly logons = new Counter({
    name: 'statusbridge_logons_total',
    help: 'Password and App ID logons, by door and outcome (ok, or the engine error code)',
    labelNames: ['door', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly lockouts = new Counter({
    name: 'statusbridge_lockouts_total',
    help: 'Password logons answered ACCOUNT_LOCKED (the one that locks the account, and those refused while it is locked), by door',
    labelNames: ['door'] as const,
    registers: [this.registry],
  });
  readonly groupSize = new Histogram({
    name: 'statusbridge_sqlite_group_commit_size',
    help: 'Transactions committed together by one SQLite COMMIT',
    buckets: GROUP_SIZES,
    registers: [this.registry],
  });
  readonly commitSeconds = new Histogram({
    name: 'statusbridge_sqlite_commit_duration_seconds',
    help: 'How long one SQLite group COMMIT took (the fsync included)',
    buckets: SECONDS,
    registers: [this.registry],
  });
  readonly storeUp = new Gauge({
    name: 'statusbridge_store_up',
    help: '1 while the database serves requests, 0 from a failure until it serves one again',
    registers: [this.registry],
  });

  constructor(poolUse?: () => PoolUse) {
    collectDefaultMetrics({ register: this.registry });
    this.storeUp.set(1);
    if (poolUse) {
      new Gauge({
        name: 'statusbridge_pg_pool_connections',
        help: 'PostgreSQL pool connections by state: total open, idle, requests waiting for one, and the configured max',
        labelNames: ['state'] as const,
        registers: [this.registry],
        collect() {
          const use = poolUse();
          for (const [state, value] of Object.entries(use)) this.set({ state }, value);
        },
      });
    }
  }

  /** The Prometheus text exposition and its content type. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
