import { createServer, type Server } from 'node:http';
import type { Metrics } from '../observe/metrics';
import type { PathRoute } from './routes';

/** GET /metrics on the main port, declared like any door's route. */
export function metricsRoutes(metrics: Metrics): PathRoute[] {
  return [
    {
      path: '/metrics',
      methods: {
        GET: async (_req, res) => {
          const { contentType, body } = await metrics.render();
          res.status(200).type(contentType).send(body);
        },
      },
    },
  ];
}

/** GET /metrics alone on a port of its own (STATUSBRIDGE_METRICS=<port>), for a network only the scraper reaches. */
export function metricsServer(metrics: Metrics): Server {
  return createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.statusCode = 404;
      res.end('Not Found');
      return;
    }
    metrics.render().then(
      ({ contentType, body }) => {
        res.setHeader('Content-Type', contentType);
        res.end(body);
      },
      () => {
        res.statusCode = 500;
        res.end();
      },
    );
  });
}
