import type { PrismaService } from '../core/database/prisma.service';

/** The migrations recorded as applied (the migrator's table has no Prisma model). */
export async function appliedMigrations(prisma: PrismaService): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM "_prisma_migrations"
     WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  return rows.map((row) => row.migration_name);
}

/** The smallest round trip: the database answers. */
export async function selectOne(prisma: PrismaService): Promise<void> {
  await prisma.$queryRaw`SELECT 1`;
}
