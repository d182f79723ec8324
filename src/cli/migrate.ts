import type { Config } from '../config';
import { createStore } from '../store/createStore';
import type { Io } from './io';

/** Applies the schema and nothing else: the administrator is created by the first start, not here. */
export async function migrate(config: Config, io: Io): Promise<number> {
  const store = await createStore(config);
  await store.close();
  io.out('migrations applied');
  return 0;
}
