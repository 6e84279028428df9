import { appSettingsChanges } from '../../admin/admin-catalogue.service';
import { AuditService } from '../../audit/audit.service';
import { AppStatus } from '../../generated/prisma/client';
import { AppsService } from '../../signing/apps.service';
import { commaList, CommandValues, printResult, stringOption, UsageError } from '../command';
import { runWithApp } from '../run-with-app';

const isStatus = (value: string): value is AppStatus => (Object.values(AppStatus) as string[]).includes(value);

/**
 * `platform app:update --app web --scopes '*' --domains https://www.example.com`: changes an
 * app's settings from the server's own machine, as `PATCH /api/v1/admin/apps/:appId` does (the
 * same rules, audited as `app.update`), without going through any app. It is the way back when
 * the public `web` app, the one every browser and administrator uses, was given scopes or
 * domains that leave no one able to reach the admin API through it.
 */
export async function run(values: CommandValues): Promise<void> {
  const appId = stringOption(values, 'app', true);
  const [name, scopes, domains, status] = ['name', 'scopes', 'domains', 'status'].map((option) => stringOption(values, option));
  if ([name, scopes, domains, status].every((value) => value === undefined))
    throw new UsageError('give at least one of --name, --scopes, --domains, --status');
  if (status !== undefined && !isStatus(status)) throw new UsageError(`--status is one of ${Object.values(AppStatus).join(', ')}`);
  await runWithApp(async (app) => {
    const audit = app.get(AuditService);
    const settings = { name, scopes: commaList(scopes), allowedDomains: commaList(domains), status };
    const updated = await app
      .get(AppsService)
      .update(appId, settings, (tx, before, after) =>
        audit.record(
          { action: 'app.update', targetType: 'app', targetId: appId, details: { via: 'cli', ...appSettingsChanges(before!, after) } },
          tx,
        ),
      );
    printResult({
      app_id: updated.appId,
      name: updated.name,
      status: updated.status,
      scopes: updated.scopes.join(','),
      domains: updated.allowedDomains.join(','),
    });
  });
}
