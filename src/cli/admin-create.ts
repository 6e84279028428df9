import { runPlatform } from './platform';

/** `node dist/cli/admin-create.js` is `platform admin:create`, for the scripts written before `platform`. */
void runPlatform(['admin:create', ...process.argv.slice(2)]).then((code) => process.exit(code));
