#!/usr/bin/env node
// "No arrow back up": the rooms of src/ (a folder each, src/*.ts being the app's own room) sit in
// layers, lowest first. A file may import from its own room and from rooms of lower layers only;
// an import of a room in its own layer or above, or of a room no layer lists, fails the check.
// Moving a room, or adding one, is a change to this list, made on purpose.
const path = require('node:path');
const madge = require('madge');

const LAYERS = [
  ['core', 'generated'], // infrastructure: config, database, errors, http, cache, redis, rate limits, templates, crypto
  ['audit', 'mail'],
  ['signing', 'groups'],
  ['auth'], // the access guard: the app (signing), the session, the permission (groups)
  ['users'], // the users table's one writer: accounts, administrators and reports change users through it
  ['captcha', 'files', 'points'],
  ['qq'],
  ['accounts'], // a password reset removes the account's QQ bindings
  ['developer', 'messages', 'tutorials'],
  ['admin', 'health', 'open-api'], // open-api: end users of developers' libraries (mails them accounts' verification links)
  ['reports', 'legacy'], // legacy: the old /api.php gateway, dispatching onto the REST routes of every room below
  ['app'], // src/*.ts: main, app.module, app.factory
  ['cli', 'codegen'], // codegen: the checked-in files generated from the code (OpenAPI document, client, error tables)
];

const layerOf = new Map(LAYERS.flatMap((rooms, layer) => rooms.map((room) => [room, layer])));
const roomOf = (file) => (file.includes('/') ? file.split('/')[0] : 'app');

async function main() {
  const src = path.join(__dirname, '..', 'src');
  const graph = (await madge(src, { fileExtensions: ['ts'], excludeRegExp: [/^generated\//, /\.spec\.ts$/, /^\.\.\//] })).obj();
  const problems = [];
  for (const [file, imports] of Object.entries(graph)) {
    const from = roomOf(file);
    if (!layerOf.has(from)) problems.push(`${file}: room "${from}" is in no layer of scripts/check-layers.js`);
    for (const imported of imports) {
      const to = roomOf(imported);
      if (to === from || !layerOf.has(from)) continue;
      if (!layerOf.has(to)) problems.push(`${file} -> ${imported}: room "${to}" is in no layer`);
      else if (layerOf.get(to) >= layerOf.get(from))
        problems.push(`${file} -> ${imported}: ${from} (layer ${layerOf.get(from)}) may not import ${to} (layer ${layerOf.get(to)})`);
    }
  }
  const files = Object.keys(graph).length;
  if (problems.length > 0) {
    console.error(`layers: ${problems.length} imports break the layering of src/\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`layers: ${files} files, every import points to its own room or a lower layer`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
