import { mergeReports } from '../../core/crypto/resealer';
import { SecretCipher } from '../../core/crypto/secret-cipher';
import { MailOutboxRepository } from '../../mail/mail-outbox.repository';
import { SealedKeys } from '../../signing/sealed-keys.service';
import { printResult } from '../command';
import { runWithApp } from '../run-with-app';

/**
 * `platform secret:reseal`: every sealed value at rest (app keys, developer app keys, the payloads
 * of mail not sent yet) sealed anew under APP_SECRET_KEY, from whichever configured key sealed it
 * (APP_SECRET_KEY_PREVIOUS during a rotation). Safe to run again: a second run finds nothing to do.
 * Fails (exit 1) when some value opens under no configured key, naming each; the others are done.
 */
export async function run(): Promise<void> {
  await runWithApp(async (app) => {
    const report = mergeReports([await app.get(SealedKeys).resealAll(), await app.get(MailOutboxRepository).resealPayloads()]);
    printResult({ key_id: app.get(SecretCipher).keyId, resealed: report.resealed, failed: report.failed.length });
    if (report.failed.length > 0) {
      for (const { table, id, reason } of report.failed) process.stderr.write(`${table} ${id}: ${reason}\n`);
      throw new Error(`${report.failed.length} sealed values open under no configured key; the rest are sealed under APP_SECRET_KEY`);
    }
  });
}
