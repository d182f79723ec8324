import type { Request, Response } from 'express';
import type { Logger } from '../log';
import { requestIdOf } from './requestId';
import type { RequestStep } from './routes';

/** Query strings can carry tickets and signatures (GET ChangeUserStatus, Alibaba V1): log the path only. */
export function accessLog(logger: Logger): RequestStep {
  return (req: Request, res: Response): void => {
    const started = process.hrtime.bigint();
    // A response emits 'close' after 'finish', or alone when the client hung up first: one
    // listener writes one line either way, marked aborted when the reply was not sent.
    res.on('close', () => {
      const url = req.originalUrl;
      const query = url.indexOf('?');
      logger.info(
        {
          reqId: requestIdOf(res),
          method: req.method,
          // req.path is relative to a door's mount point by the time the reply finishes.
          path: query < 0 ? url : url.slice(0, query),
          status: res.statusCode,
          door: res.locals.door,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
          ...(res.writableFinished ? {} : { aborted: true }),
        },
        'request',
      );
    });
  };
}
