import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { DIST_CLI, ensureBuilt } from './kit/built';

/** What libuv would read: the environment of a process that has loaded the CLI. */
function poolSizeAfterLoadingCli(env: NodeJS.ProcessEnv): string {
  const script = `require(${JSON.stringify(DIST_CLI)}); process.stdout.write(String(process.env.UV_THREADPOOL_SIZE));`;
  return execFileSync(process.execPath, ['-e', script], { env, encoding: 'utf8' });
}

describe('libuv thread pool size', () => {
  beforeAll(() => ensureBuilt());

  it('is set by the CLI to as many threads as hashing slots (at least 2) before the pool starts', () => {
    const env = { ...process.env };
    delete env.UV_THREADPOOL_SIZE;
    expect(poolSizeAfterLoadingCli(env)).toBe(String(Math.max(2, availableParallelism())));
  });

  it("keeps an operator's own setting", () => {
    expect(poolSizeAfterLoadingCli({ ...process.env, UV_THREADPOOL_SIZE: '7' })).toBe('7');
  });
});
