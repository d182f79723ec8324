import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * The boundaries of .dependency-cruiser.cjs (run by npm run lint) against a small tree with one
 * bad import of each kind and one door file that keeps to its allowlist: each rule must fire, and
 * only where it should. Through dependency-cruiser's API, as its command line would.
 */
const ROOT = join(__dirname, '..');

const TREE: Record<string, string> = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'commonjs', target: 'es2022', esModuleInterop: true } }),
  'src/log.ts': 'export interface Logger { info(msg: string): void }\n',
  'src/config.ts': 'export interface Config { port: number }\nexport const defaults: Config = { port: 0 };\n',
  'src/engine/index.ts': "export * from './model';\n",
  'src/engine/model.ts': "import type { Logger } from '../log';\nexport type Model = { log: Logger };\n",
  'src/engine/first.ts': "import type { Second } from './second';\nexport type First = { next: Second };\n",
  'src/engine/second.ts': "import type { First } from './first';\nexport type Second = { back: First };\n",
  'src/http/helper.ts': 'export const helper = 1;\n',
  'src/doors/doorDeps.ts': "import type { Config } from '../config';\nexport type DoorDeps = { config: Config };\n",
  'src/doors/good/ok.ts': [
    "import type { Model } from '../../engine';",
    "import type { Logger } from '../../log';",
    "import type { DoorDeps } from '../doorDeps';",
    "import { helper } from '../../http/helper';",
    "import { own } from './own';",
    'export const ok = [helper, own] as unknown as [Model, Logger, DoorDeps];',
    '',
  ].join('\n'),
  'src/doors/good/own.ts': 'export const own = 1;\n',
  'src/doors/bad/index.ts': [
    "import type { Stored } from '../../store/sqlite/stored';",
    "import { own } from '../good/own';",
    "import { defaults } from '../../config';",
    'export const bad = [own, defaults] as unknown as Stored;',
    '',
  ].join('\n'),
  'src/store/sqlite/stored.ts': "import { ok } from '../../doors/good/ok';\nexport type Stored = typeof ok;\n",
};

const CRUISE = `
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
const options = await extractDepcruiseOptions(process.argv[1]);
const result = await cruise(['src'], { ...options, outputType: 'json' }, {}, { tsConfig: extractTSConfig('tsconfig.json') });
process.stdout.write(result.output);
`;

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

describe('the boundaries dependency-cruiser enforces', () => {
  let dir: string;
  let violations: string[];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'statusbridge-boundaries-'));
    for (const [file, text] of Object.entries(TREE)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', CRUISE, join(ROOT, '.dependency-cruiser.cjs')], {
      cwd: dir,
      encoding: 'utf8',
    });
    const found = (JSON.parse(output) as { summary: { violations: Violation[] } }).summary.violations;
    violations = found.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuse each bad import, and nothing else', () => {
    expect(violations).toEqual([
      'door-allowlist: src/doors/bad/index.ts -> src/doors/good/own.ts',
      'door-allowlist: src/doors/bad/index.ts -> src/store/sqlite/stored.ts',
      'doors-read-config-and-log-as-types: src/doors/bad/index.ts -> src/config.ts',
      'engine-imports-only-itself: src/engine/model.ts -> src/log.ts',
      'no-cycles: src/engine/first.ts -> src/engine/second.ts',
      'store-allowlist: src/store/sqlite/stored.ts -> src/doors/good/ok.ts',
    ]);
  });
});
