import { availableParallelism } from 'node:os';

/**
 * libuv reads UV_THREADPOOL_SIZE when its pool first starts, so this module runs before any
 * other. Each pool thread that runs a scrypt keeps a glibc arena holding the freed 16 MB block;
 * no more threads than hashing slots (src/engine/hashingSlots.ts) bounds what stays mapped.
 * An operator's own setting wins.
 */
if (process.env.UV_THREADPOOL_SIZE === undefined) {
  process.env.UV_THREADPOOL_SIZE = String(Math.max(2, availableParallelism()));
}
