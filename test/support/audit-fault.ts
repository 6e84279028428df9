import { PrismaService } from '../../src/core/database/prisma.service';

/**
 * Makes the database refuse audit rows about chosen targets (a trigger on audit_log), so a suite
 * can show that a change and its audit row commit together: when the row cannot be written, the
 * change must not have happened either. Returns the function that names a target.
 */
export async function refuseAuditRowsAbout(prisma: PrismaService): Promise<(targetId: string) => Promise<void>> {
  await prisma.$executeRawUnsafe('CREATE TABLE "test_audit_refused" ("target_id" TEXT PRIMARY KEY)');
  await prisma.$executeRawUnsafe(`
    CREATE FUNCTION "test_refuse_audit"() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM "test_audit_refused" WHERE "target_id" = NEW."target_id") THEN
        RAISE EXCEPTION 'audit row about % refused by the test', NEW."target_id";
      END IF;
      RETURN NEW;
    END;
    $$`);
  await prisma.$executeRawUnsafe(
    'CREATE TRIGGER "test_refuse_audit" BEFORE INSERT ON "audit_log" FOR EACH ROW EXECUTE FUNCTION "test_refuse_audit"()',
  );
  return async (targetId) => {
    await prisma.$executeRaw`INSERT INTO "test_audit_refused" ("target_id") VALUES (${targetId})`;
  };
}
