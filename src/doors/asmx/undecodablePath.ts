import { Router, type NextFunction, type Request, type Response } from 'express';
import { answerErrorPage } from './errorPages';
import { ASMX_DOOR_ERRORS } from './errorTable';
import { answerPlain } from './refusals';

/** Decodes as Express decodes a route parameter; null where Express would fail (bad escapes, bad UTF-8). */
function decodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * `/srv.asmx/%ZZ` or a method segment of truncated or overlong UTF-8: Express cannot decode the
 * parameter and would fail before any asmx route runs, ending in a logged 500 "Internal Server
 * Error". ASP.NET decodes such a path leniently and finds no method by that name, so the door
 * answers as it does for any unknown method, naming the segment as sent. Mounted before the
 * door's path routes; the fast table never sees these paths, since it serves plain segments only.
 */
function refuseUndecodable(req: Request, res: Response, next: NextFunction): void {
  const q = req.url.indexOf('?');
  const path = q < 0 ? req.url : req.url.slice(0, q);
  if (!path.includes('%') || decodable(path)) return next();
  req.resume();
  const segment = path.slice(1);
  if (req.method === 'GET' || req.method === 'POST' || req.method === 'HEAD') {
    return answerPlain(res, ASMX_DOOR_ERRORS.UNKNOWN_METHOD, segment);
  }
  return answerErrorPage(res, ASMX_DOOR_ERRORS.UNRECOGNIZED_URL, path);
}

export function undecodablePathGuard(): Router {
  const router = Router();
  router.use(refuseUndecodable);
  return router;
}
