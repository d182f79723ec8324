import { bootstrap } from '../bootstrap';
import type { Config } from '../config';
import type { AdminEngine } from '../engine';
import { createLogger } from '../log';
import { engineFor } from '../server';
import { createStore } from '../store/createStore';
import type { Io } from './io';

/** Opens the store for one command, through the administration surface, and always closes it. */
export async function withEngine<T>(config: Config, io: Io, fn: (engine: AdminEngine) => Promise<T>): Promise<T> {
  const store = await createStore(config);
  try {
    const engine = engineFor(store, config);
    // A generated password goes to stderr, so a first command's stdout stays its own output (user list --json).
    await bootstrap(engine, config, createLogger('silent'), io.err);
    return await fn(engine);
  } finally {
    await store.close();
  }
}
