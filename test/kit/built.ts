import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'statusbridge.js');
export const DIST_CLI = join(ROOT, 'dist', 'cli.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const isFresh = (): boolean => existsSync(DIST_CLI) && statSync(DIST_CLI).mtimeMs >= newestMtime(join(ROOT, 'src'));

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds dist/ when it is missing or older than src/, so child-process tests run what a user
 * would. Jest runs test files in parallel workers: a lock folder keeps two from compiling at once.
 */
export function ensureBuilt(): void {
  if (isFresh()) return;
  const lock = join(tmpdir(), `statusbridge-build-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}.lock`);
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than two minutes belongs to a worker that died mid-build.
      if (waited > 120_000) rmSync(lock, { recursive: true, force: true });
      sleep(200);
    }
  }
  try {
    if (isFresh()) return;
    try {
      execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.json')], {
        cwd: ROOT,
        stdio: 'pipe',
      });
    } catch (err) {
      // tsc still emits when another door's file does not compile yet; only a missing CLI is fatal.
      if (!existsSync(DIST_CLI)) throw err;
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
