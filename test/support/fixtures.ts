import { randomBytes } from 'node:crypto';
import { PrismaService } from '../../src/core/database/prisma.service';
import { UserStatus } from '../../src/generated/prisma/client';

/** A user row straight in the database, for suites about what happens after registration. */
export async function insertUser(
  prisma: PrismaService,
  overrides: { status?: UserStatus; points?: number; balanceCents?: bigint; group?: string } = {},
): Promise<{ id: string; username: string; email: string }> {
  const tag = randomBytes(5).toString('hex');
  const group = await prisma.group.findUniqueOrThrow({ where: { name: overrides.group ?? 'member' } });
  return prisma.user.create({
    data: {
      username: `u${tag}`,
      email: `u${tag}@example.com`,
      passwordHash: 'not-a-usable-hash',
      nickname: `user ${tag}`,
      status: overrides.status ?? UserStatus.ACTIVE,
      groupId: group.id,
      points: overrides.points ?? 0,
      balanceCents: overrides.balanceCents ?? 0n,
    },
    select: { id: true, username: true, email: true },
  });
}

/** The id (apps.id) of the seeded `web` app. */
export async function webAppId(prisma: PrismaService): Promise<number> {
  return (await prisma.app.findUniqueOrThrow({ where: { appId: 'web' } })).id;
}
