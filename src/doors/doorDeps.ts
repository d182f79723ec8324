import type { Config } from '../config';
import type { Engine } from '../engine';
import type { Logger } from '../log';

/**
 * What every door is given when the server is built. Never the store: a door reaches state
 * only through the engine.
 */
export interface DoorDeps {
  engine: Engine;
  config: Readonly<Config>;
  logger: Logger;
}
