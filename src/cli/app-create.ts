import { runPlatform } from './platform';

/** `node dist/cli/app-create.js` is `platform app:create`, for the scripts written before `platform`. */
void runPlatform(['app:create', ...process.argv.slice(2)]).then((code) => process.exit(code));
