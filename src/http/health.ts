import type { Store } from '../engine';
import type { PathRoute } from './routes';

/** Liveness and readiness for load balancers, declared like any door's routes. */
export function healthRoutes(store: Store): PathRoute[] {
  return [
    {
      path: '/healthz',
      methods: {
        GET: (_req, res) => {
          res.json({ status: 'ok' });
        },
      },
    },
    {
      path: '/readyz',
      methods: {
        GET: async (_req, res) => {
          try {
            await store.ping();
            res.json({ status: 'ready', store: store.kind });
          } catch {
            res.status(503).json({ status: 'unavailable', store: store.kind });
          }
        },
      },
    },
  ];
}
