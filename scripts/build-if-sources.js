#!/usr/bin/env node
// Compiles src/ into dist/ when both the sources and TypeScript are here (a clone after
// `npm install`), and does nothing where only the compiled code is (the image: no src/, no
// dev dependencies). The npm scripts that run dist/ call it first, so they work in both places.
const { existsSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');
let tsc;
try {
  tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
} catch {
  process.exit(0);
}
if (!existsSync(path.join(root, 'src'))) process.exit(0);
const { status } = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.json')], { stdio: 'inherit' });
process.exit(status ?? 1);
