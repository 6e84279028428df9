import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { withLegacyTable } from '../legacy/legacy-actions';

/** `npm run docs:legacy`: writes the legacy gateway's table of actions into the README, between its markers. */
const readme = path.resolve(__dirname, '../../README.md');
const before = readFileSync(readme, 'utf8');
const after = withLegacyTable(before);
if (after !== before) writeFileSync(readme, after);
process.stdout.write(after === before ? 'README: the legacy table is current\n' : 'README: legacy table rewritten\n');
