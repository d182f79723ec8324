/** What a store tells whoever watches it (metrics, the log); every hook is optional and cheap. */
export interface StoreObserver {
  /** One SQLite group committed: how many transactions it held and how long the COMMIT took. */
  committed?(size: number, seconds: number): void;
  /** The database could not serve a request; cause is the driver's own error. */
  unavailable?(cause: unknown): void;
  /** The database served a request. */
  available?(): void;
}

/** A PostgreSQL pool's connections right now. */
export interface PoolUse {
  total: number;
  idle: number;
  waiting: number;
  max: number;
}

/** A store that accepts an observer after it is built (both stores do; the engine's Store port does not say so). */
export interface ObservableStore {
  observe(observer: StoreObserver): void;
  poolUse?(): PoolUse;
}
