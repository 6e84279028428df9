import { runPlatform } from './platform';

/** `node dist/cli/app-update.js` is `platform app:update`, for the scripts written before `platform`. */
void runPlatform(['app:update', ...process.argv.slice(2)]).then((code) => process.exit(code));
