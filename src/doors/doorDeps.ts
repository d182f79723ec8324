import type { Config } from '../config';
import type { DoorEngine } from '../engine';
import type { Logger } from '../log';

/**
 * What every door is given when the server is built. Never the store: a door reaches state
 * only through the engine, and only through its door surface.
 */
export interface DoorDeps {
  engine: DoorEngine;
  config: Readonly<Config>;
  logger: Logger;
}
