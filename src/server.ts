import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { appRoutes, sharedSteps, type Observers } from './app';
import { trustedProxies } from './http/clientAddress';
import { metricsServer } from './http/metricsRoute';
import { openFrontDoor } from './http/frontDoor';
import type { RequestStep } from './http/routes';
import { bootstrap } from './bootstrap';
import type { Config } from './config';
import { createEngine, type Clock, type Engine, type Store } from './engine';
import { createLogger, type Logger } from './log';
import { Metrics } from './observe/metrics';
import { OutcomeBook } from './observe/outcomes';
import { storeHealth } from './observe/storeHealth';
import { createStore } from './store/createStore';
import type { ObservableStore } from './store/storeObserver';

export interface RunningServer {
  url: string;
  port: number;
  engine: Engine;
  store: Store;
  logger: Logger;
  /** The port of GET /metrics when STATUSBRIDGE_METRICS moved it, else null. */
  metricsPort: number | null;
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

/** Listens on the configured port and address; a port in use rejects here, before anything is created. */
function listen(server: Server, config: Readonly<Config>): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * Marks every reply still in flight `Connection: close`, so its client does not send another
 * request on a connection that is about to end. Node keeps the socket's current reply in
 * _httpMessage; Node has no public list of a server's replies, and keeping one here would cost
 * every request a set insertion.
 */
function closeAfterReplies(sockets: ReadonlySet<Socket>): void {
  for (const socket of sockets) {
    const res = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
    if (res && !res.headersSent) res.setHeader('Connection', 'close');
  }
}

export async function startServer(config: Readonly<Config>, options: StartOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  // The port first: a port in use must fail the start before a database, an administrator or a
  // printed password exists. Until the doors are ready, requests get a 503 "starting".
  const door = openFrontDoor();
  const server = door.server;
  server.keepAliveTimeout = 5000;
  // A client may half-close once its request is sent (raw sockets, `nc -N`). Node's default
  // then drops a request still being answered; an answer can take a turn of the event loop
  // (the SQLite group commit, any PostgreSQL query), so keep the socket open until it is sent.
  (server as Server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const proxies = trustedProxies(config.trustProxy);
  await listen(server, config);
  let store: Store | undefined;
  let engine: Engine;
  let scrape: Server | null = null;
  try {
    store = await createStore(config);
    const observable = store as Store & Partial<ObservableStore>;
    const metrics = config.metrics === 'off' ? null : new Metrics(observable.poolUse?.bind(observable));
    observable.observe?.(storeHealth(logger, metrics));
    const observers: Observers = {
      metrics,
      metricsOnMainPort: config.metrics === 'on',
      outcomes: new OutcomeBook(),
      trustedProxies: proxies,
    };
    if (metrics && config.metrics !== 'on') {
      scrape = metricsServer(metrics);
      await listen(scrape, { ...config, port: Number(config.metrics) });
    }
    engine = engineFor(store, config, options.clock);
    await bootstrap(engine, config, logger);
    door.serve({
      routes: appRoutes({ config, engine, store, logger, observers }),
      steps: [...sharedSteps(logger, observers), ...(options.steps ?? [])],
      logger,
    });
  } catch (err) {
    // Nothing may stay open: a listening socket or a PostgreSQL pool would keep the process alive.
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const openScrape = scrape as Server | null;
    if (openScrape?.listening) await new Promise<void>((resolve) => openScrape.close(() => resolve()));
    await store?.close();
    throw err;
  }
  const scrapeServer = scrape as Server | null;
  const openStore: Store = store;
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
        closeAfterReplies(sockets);
        scrapeServer?.close();
        scrapeServer?.closeAllConnections();
      });
      await openStore.close();
    })();
    return closing;
  };
  logger.info({ port, host: config.host, store: openStore.kind, pid: process.pid }, 'statusbridge listening');
  const metricsPort = scrapeServer ? (scrapeServer.address() as AddressInfo).port : null;
  return { url: `http://${shownHost}:${port}`, port, metricsPort, engine, store: openStore, logger, close };
}
