import { parseArgs } from 'node:util';

import { appSettingsChanges } from '../admin/admin-catalogue.service';
import { AuditService } from '../audit/audit.service';
import { AppStatus } from '../generated/prisma/client';
import { AppsService } from '../signing/apps.service';
import { commaList, failCommand, runWithApp } from './run-with-app';

const USAGE =
  'usage: npm run app:update -- --app <app_id> [--name <name>] [--scopes accounts,auth,users|*] ' +
  "[--domains https://app.example.com,http://localhost:3000 (or '' for none)] [--status ENABLED|DISABLED|CLOSED]";

const isStatus = (value: string): value is AppStatus => (Object.values(AppStatus) as string[]).includes(value);

/**
 * `npm run app:update -- --app web --scopes '*' --domains https://www.example.com`: changes an
 * app's settings from the server's own machine, as `PATCH /api/v1/admin/apps/:appId` does (the
 * same rules, audited as `app.update`), without going through any app. It is the way back when
 * the public `web` app, the one every browser and administrator uses, was given scopes or
 * domains that leave no one able to reach the admin API through it.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      app: { type: 'string' },
      name: { type: 'string' },
      scopes: { type: 'string' },
      domains: { type: 'string' },
      status: { type: 'string' },
    },
  });
  const { app: appId, name, status } = values;
  if (!appId || [name, values.scopes, values.domains, status].every((value) => value === undefined)) throw new Error(USAGE);
  if (status !== undefined && !isStatus(status)) throw new Error(USAGE);
  await runWithApp(async (app) => {
    const audit = app.get(AuditService);
    const settings = { name, scopes: commaList(values.scopes), allowedDomains: commaList(values.domains), status };
    const updated = await app
      .get(AppsService)
      .update(appId, settings, (tx, before, after) =>
        audit.record(
          { action: 'app.update', targetType: 'app', targetId: appId, details: { via: 'cli', ...appSettingsChanges(before!, after) } },
          tx,
        ),
      );
    process.stdout.write(
      `app_id: ${updated.appId}\nname: ${updated.name}\nstatus: ${updated.status}\nscopes: ${updated.scopes.join(',')}\ndomains: ${updated.allowedDomains.join(',')}\n`,
    );
  });
}

main().catch(failCommand);
