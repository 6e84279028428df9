#!/usr/bin/env node
// `prisma generate` reads the schema only, but the CLI downloads the schema engine unless it is
// told where one is. No engine is needed for generation, so point it at this file; an engine the
// user configured is left alone.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1' };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= __filename;
execFileSync(process.execPath, [require.resolve('prisma/build/index.js'), 'generate'], {
  cwd: path.resolve(__dirname, '..'),
  env,
  stdio: 'inherit',
});
