import { AppsService } from '../../signing/apps.service';
import { commaList, CommandValues, printResult, stringOption } from '../command';
import { runWithApp } from '../run-with-app';

/** `platform app:create --name web`: registers a first-party app and prints its id and key once. */
export async function run(values: CommandValues): Promise<void> {
  const name = stringOption(values, 'name', true);
  await runWithApp(async (app) => {
    const issued = await app.get(AppsService).create({
      name,
      scopes: commaList(stringOption(values, 'scopes')),
      allowedDomains: commaList(stringOption(values, 'domains')),
    });
    printResult({ app_id: issued.appId, app_key: issued.appKey });
    process.stderr.write('The key is shown this once; keep it secret. Rotate it with `platform app:rotate-key`.\n');
  });
}
