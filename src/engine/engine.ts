import { adminEngine, type AdminEngine } from './adminEngine';
import { DEFAULT_ENGINE_SETTINGS, type Clock, type EngineContext, type EngineSettings } from './context';
import { doorEngine, type DoorEngine } from './doorEngine';
import type { Store } from './storePort';

/** Both surfaces on one object: the server hands it to the doors typed as a DoorEngine only. */
export type Engine = DoorEngine & AdminEngine;

export interface EngineOptions {
  clock?: Clock;
  settings?: Partial<EngineSettings>;
}

/** The one engine of a process (or of a CLI command), over one store. Plain functions on plain objects. */
export function createEngine(store: Store, options: EngineOptions = {}): Engine {
  const ctx: EngineContext = {
    store,
    clock: options.clock ?? Date.now,
    settings: { ...DEFAULT_ENGINE_SETTINGS, ...options.settings },
  };
  return { ...doorEngine(ctx), ...adminEngine(ctx) };
}
