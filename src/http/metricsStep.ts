import type { Request, Response } from 'express';
import type { Metrics } from '../observe/metrics';
import type { RequestStep } from './routes';

/** Every request no declared route answered: one label, so a scan of random paths adds no series. */
export const UNMATCHED = '(unmatched)';

/**
 * The declared route that answered: the fast table records it; Express leaves its matched route
 * (relative to a router's mount point) on the request. Never the raw path.
 */
function routeOf(req: Request, res: Response): string {
  const fast = res.locals.route as string | undefined;
  if (fast) return fast;
  const matched = (req as Request & { route?: { path?: unknown } }).route?.path;
  return typeof matched === 'string' ? `${req.baseUrl}${matched}` : UNMATCHED;
}

/** Times every request into http_request_duration_seconds by method, route template and status code. */
export function measureRequests(metrics: Metrics): RequestStep {
  return (req: Request, res: Response): void => {
    const end = metrics.requestSeconds.startTimer();
    res.on('close', () => {
      end({ method: req.method, route: routeOf(req, res), status_code: res.statusCode });
    });
  };
}
