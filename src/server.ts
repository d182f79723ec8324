import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appRoutes, sharedSteps } from './app';
import { createFrontDoorServer } from './http/frontDoor';
import type { RequestStep } from './http/routes';
import { bootstrap } from './bootstrap';
import type { Config } from './config';
import { createEngine, type Clock, type Engine, type Store } from './engine';
import { createLogger, type Logger } from './log';
import { createStore } from './store/createStore';

export interface RunningServer {
  url: string;
  port: number;
  engine: Engine;
  store: Store;
  logger: Logger;
  /** Stops accepting, lets in-flight requests finish (up to shutdownGraceMs), closes the store. */
  close(): Promise<void>;
}

export function engineFor(store: Store, config: Config, clock?: Clock): Engine {
  return createEngine(store, {
    clock,
    settings: {
      ticketLifetimeMs: config.ticketLifetimeSeconds * 1000,
      huaweiTokenLifetimeMs: config.huaweiTokenLifetimeSeconds * 1000,
      huaweiRefreshLifetimeMs: config.huaweiRefreshLifetimeSeconds * 1000,
      maxLiveTokensPerClient: config.huaweiMaxLiveTokens,
      maxFailedLogons: config.maxFailedLogons,
      lockoutMs: config.lockoutSeconds * 1000,
      auditFieldMaxChars: config.auditFieldMaxChars,
    },
  });
}

export interface StartOptions {
  clock?: Clock;
  logger?: Logger;
  /** Per-request steps run for every request after the shared ones (request id, access log). */
  steps?: readonly RequestStep[];
}

export async function startServer(config: Readonly<Config>, options: StartOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const store = await createStore(config);
  const engine = engineFor(store, config, options.clock);
  let server: Server;
  try {
    await bootstrap(engine, config, logger);
    server = await new Promise((resolve, reject) => {
      // The front door: one listener for every request, the shared steps first.
      const s = createFrontDoorServer({
        routes: appRoutes({ config, engine, store, logger }),
        steps: [...sharedSteps(logger), ...(options.steps ?? [])],
        logger,
      });
      s.once('error', reject);
      s.listen(config.port, config.host, () => {
        s.off('error', reject);
        resolve(s);
      });
    });
  } catch (err) {
    // A port in use must not leave the database open: a PostgreSQL pool would keep the process alive.
    await store.close();
    throw err;
  }
  server.keepAliveTimeout = 5000;
  // A client may half-close once its request is sent (raw sockets, `nc -N`). Node's default
  // then drops a request still being answered; an answer can take a turn of the event loop
  // (the SQLite group commit, any PostgreSQL query), so keep the socket open until it is sent.
  (server as Server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;
  const purge = setInterval(() => {
    engine.purgeExpired().catch((err: unknown) => logger.warn({ err }, 'purge of expired sessions failed'));
  }, config.purgeIntervalSeconds * 1000);
  purge.unref();

  const { port } = server.address() as AddressInfo;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      clearInterval(purge);
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), config.shutdownGraceMs);
        force.unref();
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await store.close();
    })();
    return closing;
  };
  logger.info({ port, host: config.host, store: store.kind }, 'statusbridge listening');
  return { url: `http://${shownHost}:${port}`, port, engine, store, logger, close };
}
