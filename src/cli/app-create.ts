import { parseArgs } from 'node:util';

import { AppsService } from '../signing/apps.service';
import { commaList, failCommand, runWithApp } from './run-with-app';

const USAGE =
  'usage: npm run app:create -- --name <name> [--scopes accounts,auth,users|*] (default: app, GET /apps/me only) ' +
  '[--domains https://app.example.com,https://*.example.org,http://localhost:3000]';

/** `npm run app:create -- --name web`: registers a first-party app and prints its id and key once. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { name: { type: 'string' }, scopes: { type: 'string' }, domains: { type: 'string' } },
  });
  if (!values.name) throw new Error(USAGE);
  await runWithApp(async (app) => {
    const issued = await app.get(AppsService).create({
      name: values.name!,
      scopes: commaList(values.scopes),
      allowedDomains: commaList(values.domains),
    });
    process.stdout.write(`app_id: ${issued.appId}\napp_key: ${issued.appKey}\n`);
    process.stderr.write('The key is shown this once; keep it secret. Rotate it from /api/v1/admin/apps.\n');
  });
}

main().catch(failCommand);
