import { availableParallelism } from 'node:os';

/**
 * scrypt with N=16384, r=8 holds 16 MB while it runs, on libuv's thread pool. More at once than
 * there are CPUs finishes no sooner; it only holds more memory (a burst of logons raised the
 * process by 50 MB) and takes the pool's threads from file work. So computations wait here.
 */
const SLOTS = Math.max(1, availableParallelism());

let running = 0;
const waiting: (() => void)[] = [];

export async function withHashingSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running < SLOTS) running++;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await work();
  } finally {
    // The slot passes straight to the next in line, so a newcomer cannot slip in between.
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}
