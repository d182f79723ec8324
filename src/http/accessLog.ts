import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../log';
import { requestIdOf } from './requestId';

/** Query strings can carry tickets and signatures (GET ChangeUserStatus, Alibaba V1): log the path only. */
export function accessLog(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    // 'close' without 'finish' is a client that hung up first: still one line, marked aborted.
    const write = (): void => {
      res.removeListener('finish', write);
      res.removeListener('close', write);
      logger.info(
        {
          reqId: requestIdOf(res),
          method: req.method,
          // req.path is relative to a door's mount point by the time the reply finishes.
          path: req.originalUrl.split('?')[0],
          status: res.statusCode,
          door: res.locals.door,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
          ...(res.writableFinished ? {} : { aborted: true }),
        },
        'request',
      );
    };
    res.on('finish', write);
    res.on('close', write);
    next();
  };
}
