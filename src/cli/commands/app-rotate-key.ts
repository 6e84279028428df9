import { AuditService } from '../../audit/audit.service';
import { AppsService } from '../../signing/apps.service';
import { CommandValues, printResult, stringOption } from '../command';
import { runWithApp } from '../run-with-app';

/**
 * `platform app:rotate-key --app app_...`: a new key for the app, printed once; the old one keeps
 * working for APP_KEY_ROTATION_GRACE_SECONDS. Audited as `app.rotate-key`, as the admin API's.
 */
export async function run(values: CommandValues): Promise<void> {
  const appId = stringOption(values, 'app', true);
  await runWithApp(async (app) => {
    const audit = app.get(AuditService);
    const issued = await app.get(AppsService).rotateKey(appId, (tx, _, after) =>
      audit.record(
        {
          action: 'app.rotate-key',
          targetType: 'app',
          targetId: appId,
          details: { via: 'cli', previousKeyExpiresAt: after.previousKeyExpiresAt?.toISOString() ?? null },
        },
        tx,
      ),
    );
    printResult({
      app_id: issued.appId,
      app_key: issued.appKey,
      previous_key_expires_at: issued.previousKeyExpiresAt?.toISOString() ?? 'now',
    });
    process.stderr.write('The key is shown this once; keep it secret.\n');
  });
}
