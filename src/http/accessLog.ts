import type { Request, Response } from 'express';
import type { Logger } from '../log';
import type { OutcomeBook } from '../observe/outcomes';
import { clientOf } from './clientAddress';
import { callerRequestIdOf, requestIdOf } from './requestId';
import type { RequestStep } from './routes';

/** Longest user agent logged: it is whatever the client sent. */
const MAX_AGENT = 256;

/**
 * One line per request when its reply is sent or its client hangs up: our request id and the
 * caller's, the door, the engine's outcome (asmx refusals answer 200 with success="false", so
 * the status alone hides them), the caller where known, the client address and user agent.
 * Query strings can carry tickets and signatures (GET ChangeUserStatus, Alibaba V1): the path only.
 */
export function accessLog(logger: Logger, outcomes: OutcomeBook, trustedProxies: ReadonlySet<string>): RequestStep {
  return (req: Request, res: Response): void => {
    const started = process.hrtime.bigint();
    // A response emits 'close' after 'finish', or alone when the client hung up first: one
    // listener writes one line either way, marked aborted when the reply was not sent.
    res.on('close', () => {
      const url = req.originalUrl;
      const query = url.indexOf('?');
      const reqId = requestIdOf(res);
      const seen = outcomes.take(reqId);
      const client = clientOf(req, trustedProxies);
      const agent = req.headers['user-agent'];
      logger.info(
        {
          reqId,
          callerReqId: callerRequestIdOf(res),
          method: req.method,
          // req.path is relative to a door's mount point by the time the reply finishes.
          path: query < 0 ? url : url.slice(0, query),
          status: res.statusCode,
          door: res.locals.door,
          outcome: seen?.outcome,
          caller: seen?.caller,
          client: client.address,
          proto: client.proto,
          ua: agent?.slice(0, MAX_AGENT),
          ms: Number(process.hrtime.bigint() - started) / 1e6,
          ...(res.writableFinished ? {} : { aborted: true }),
        },
        'request',
      );
    });
  };
}
