#!/usr/bin/env node
'use strict';
// Compiles src/ to dist/ when it is needed, and only when TypeScript is installed:
//   node deploy/build.js --if-typescript   (npm's prepare) a production install (npm ci --omit=dev) has no
//                                          compiler, and must not fail for it
//   node deploy/build.js --if-stale        (npm's prestart) compiles only when src/ is newer than dist/
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const distCli = join(root, 'dist', 'cli.js');

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function typescriptInstalled() {
  try {
    require.resolve('typescript/package.json', { paths: [root] });
    return true;
  } catch {
    return false;
  }
}

const fresh = () =>
  existsSync(distCli) && statSync(distCli).mtimeMs >= Math.max(newestMtime(join(root, 'src')), newestMtime(join(root, 'tsconfig.json')));

const mode = process.argv[2];
if (mode !== '--if-typescript' && mode !== '--if-stale') {
  process.stderr.write('usage: node deploy/build.js --if-typescript | --if-stale\n');
  process.exit(2);
}
if (mode === '--if-stale' && fresh()) process.exit(0);
if (!typescriptInstalled()) {
  if (existsSync(distCli)) process.exit(0);
  if (mode === '--if-typescript') {
    process.stderr.write('statusbridge: TypeScript is not installed, dist/ not built (a production install copies a built dist/)\n');
    process.exit(0);
  }
  process.stderr.write('statusbridge: dist/ is missing and TypeScript is not installed: run `npm ci && npm run build` first\n');
  process.exit(1);
}
const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.json')], { stdio: 'inherit' });
process.exit(result.status ?? 1);
