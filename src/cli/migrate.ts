import { runPlatform } from './platform';

/** `node dist/cli/migrate.js` is `platform migrate`, for the scripts written before `platform`. */
void runPlatform(['migrate', ...process.argv.slice(2)]).then((code) => process.exit(code));
