'use strict';
const { join } = require('node:path');

const dist = (file) => require(join(__dirname, '..', 'dist', file));

/** Bench users live in a directory of their own, without a seat limit, so every enable is allowed. */
const BENCH_DIRECTORY = { id: 'd-benchdir0001', name: 'Benchmark', seatLimit: null };

/** user names of one pool: `bench-<pool>-<n>`; status pools also carry an Alibaba OwnerId. */
const userName = (pool, i) => `bench-${pool}-${String(i).padStart(6, '0')}`;
const ownerIdOf = (i) => String(7700000000000000 + i);

/** A bench user as the engine starts every new account (dist/ is built by the time seeding runs). */
function benchUser(pool, i, now, withOwnerId) {
  return dist('engine/users').freshUser(now, {
    id: `u-bench${pool.replace(/[^a-z0-9]/g, '')}${i}`,
    directoryId: BENCH_DIRECTORY.id,
    userName: userName(pool, i),
    ownerId: withOwnerId ? ownerIdOf(i) : null,
    displayName: `Bench ${pool} ${i}`,
  });
}

/**
 * Loads the demo fixtures the way `serve --demo` would, then the bench users through the
 * store port in one transaction: generated here, never committed as data.
 * pools: { name: { size, ownerIds } }
 */
async function seedDatabase(dbPath, pools) {
  const { loadConfig } = dist('config');
  const { createStore } = dist('store/createStore');
  const { engineFor } = dist('server');
  const { bootstrap } = dist('bootstrap');
  const { createLogger } = dist('log');
  const config = loadConfig({}, { dbPath, demo: true });
  const store = await createStore(config);
  try {
    const engine = engineFor(store, config);
    await bootstrap(engine, config, createLogger('silent'), () => undefined);
    await engine.addDirectory(BENCH_DIRECTORY);
    const now = Date.now();
    await store.withTransaction(async (tx) => {
      for (const [pool, { size, ownerIds }] of Object.entries(pools)) {
        for (let i = 0; i < size; i++) await tx.users.insert(benchUser(pool, i, now, ownerIds));
      }
    });
  } finally {
    await store.close();
  }
}

module.exports = { seedDatabase, userName, ownerIdOf };
