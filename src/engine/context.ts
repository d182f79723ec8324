import type { Store } from './storePort';

export interface EngineSettings {
  /** infoRouter tickets slide: every use pushes expiry this far ahead. */
  ticketLifetimeMs: number;
  huaweiTokenLifetimeMs: number;
  huaweiRefreshLifetimeMs: number;
  /** Live tokens one user may hold per client type; the oldest is evicted past it. */
  maxLiveTokensPerClient: number;
  maxFailedLogons: number;
  lockoutMs: number;
  /** The longest any audit field may be; a longer one is cut and marked (auditBounds). */
  auditFieldMaxChars: number;
}

export const DEFAULT_ENGINE_SETTINGS: EngineSettings = {
  ticketLifetimeMs: 30 * 24 * 3600 * 1000,
  huaweiTokenLifetimeMs: 12 * 3600 * 1000,
  huaweiRefreshLifetimeMs: 30 * 24 * 3600 * 1000,
  maxLiveTokensPerClient: 64,
  maxFailedLogons: 5,
  lockoutMs: 15 * 60 * 1000,
  auditFieldMaxChars: 1024,
};

export type Clock = () => number;

export interface EngineContext {
  store: Store;
  clock: Clock;
  settings: EngineSettings;
}
