import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../log';
import { requestIdOf } from './requestId';

/** Query strings can carry tickets and signatures (GET ChangeUserStatus, Alibaba V1): log the path only. */
export function accessLog(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      logger.info(
        {
          reqId: requestIdOf(res),
          method: req.method,
          path: req.path,
          status: res.statusCode,
          door: res.locals.door,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'request',
      );
    });
    next();
  };
}
