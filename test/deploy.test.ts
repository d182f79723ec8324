import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CONFIG_ENV } from '../src/config';
import { ROOT } from './kit/built';

const DOCKERFILE = readFileSync(join(ROOT, 'deploy', 'Dockerfile'), 'utf8');
const UNIT = readFileSync(join(ROOT, 'deploy', 'statusbridge.service'), 'utf8');
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

/** Instructions with their continuation lines joined, comments dropped. */
function instructions(text: string): string[] {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

/** A built file (dist/x.js) exists once its source (src/x.ts) does. */
function builtFileExists(path: string): boolean {
  const match = /^dist\/(.+)\.js$/.exec(path);
  return match ? existsSync(join(ROOT, 'src', `${match[1]}.ts`)) : existsSync(join(ROOT, path));
}

const SERVER_SETTINGS = new Set([...Object.keys(CONFIG_ENV), 'NODE_ENV']);

describe('deploy/Dockerfile', () => {
  const lines = instructions(DOCKERFILE);

  it('copies only paths that exist in the repository, or were built by the first stage', () => {
    const sources = lines
      .filter((line) => line.startsWith('COPY ') && !line.includes('--from='))
      .flatMap((line) => line.split(/\s+/).slice(1, -1));
    expect(sources.length).toBeGreaterThan(3);
    for (const source of sources) expect([source, existsSync(join(ROOT, source))]).toEqual([source, true]);
    const built = lines.filter((line) => line.includes('--from=build')).map((line) => line.split(/\s+/)[2]);
    expect(built).toEqual(expect.arrayContaining(['/app/node_modules', '/app/dist']));
  });

  it('is multi-stage, builds with the package scripts, and runs as a non-root user with a data volume', () => {
    expect(lines.filter((line) => line.startsWith('FROM '))).toHaveLength(2);
    const build = lines.find((line) => line.startsWith('RUN npm ci')) ?? '';
    for (const script of build.match(/npm run (\S+)/g) ?? []) expect(PACKAGE.scripts).toHaveProperty(script.slice(8));
    expect(build).toContain('npm prune --omit=dev');
    const user = lines.find((line) => line.startsWith('USER ')) ?? '';
    expect(user).not.toMatch(/^USER (root|0)$/);
    expect(user).not.toBe('');
    const volume = (/^VOLUME \["(.+)"\]$/.exec(lines.find((line) => line.startsWith('VOLUME ')) ?? '') ?? [])[1];
    const db = (/STATUSBRIDGE_DB=(\S+)/.exec(DOCKERFILE) ?? [])[1];
    expect(dirname(db)).toBe(volume);
  });

  it('checks /readyz, runs node directly on the built CLI, and sets only known settings', () => {
    expect(lines.find((line) => line.startsWith('HEALTHCHECK'))).toContain('/readyz');
    const cmd = JSON.parse((lines.find((line) => line.startsWith('CMD ')) ?? 'CMD []').slice(4)) as string[];
    expect(cmd[0]).toBe('node');
    expect(builtFileExists(cmd[1])).toBe(true);
    expect(cmd[2]).toBe('serve');
    const env = (lines.find((line) => line.startsWith('ENV ')) ?? '').match(/([A-Z_]+)=/g) ?? [];
    for (const name of env) expect(SERVER_SETTINGS).toContain(name.slice(0, -1));
  });
});

describe('deploy/statusbridge.service', () => {
  const lines = instructions(UNIT);
  const value = (key: string): string[] => lines.filter((line) => line.startsWith(`${key}=`)).map((line) => line.slice(key.length + 1));

  it('starts node on the built CLI inside its working directory, with serve', () => {
    const [workingDirectory] = value('WorkingDirectory');
    const [exec] = value('ExecStart');
    const [node, script, command] = exec.split(/\s+/);
    expect(node).toMatch(/\/node$/);
    expect(script.startsWith(`${workingDirectory}/`)).toBe(true);
    expect(builtFileExists(script.slice(workingDirectory.length + 1))).toBe(true);
    expect(command).toBe('serve');
  });

  it('keeps the SQLite file in its writable state directory and names only known settings', () => {
    const settings = value('Environment').map((assignment) => assignment.split('=')[0]);
    for (const name of settings) expect(SERVER_SETTINGS).toContain(name);
    const db = value('Environment').find((assignment) => assignment.startsWith('STATUSBRIDGE_DB=')) ?? '';
    const dbDir = dirname(db.slice('STATUSBRIDGE_DB='.length));
    expect(value('ReadWritePaths')).toContain(dbDir);
    expect(`/var/lib/${value('StateDirectory')[0]}`).toBe(dbDir);
    expect(value('KillSignal')).toEqual(['SIGTERM']);
    expect(value('User')[0]).not.toBe('root');
  });
});
