import { randomBytes } from 'node:crypto';

import bcrypt from 'bcrypt';

import { PrismaService } from '../../src/core/database/prisma.service';
import { UserStatus } from '../../src/generated/prisma/client';
import { HttpClient } from './http-client';

/** A user row straight in the database, for suites about what happens after registration. */
export async function insertUser(
  prisma: PrismaService,
  overrides: { status?: UserStatus; points?: number; balanceCents?: bigint; group?: string; password?: string } = {},
): Promise<{ id: string; username: string; email: string }> {
  const tag = randomBytes(5).toString('hex');
  const group = await prisma.group.findUniqueOrThrow({ where: { name: overrides.group ?? 'member' } });
  return prisma.user.create({
    data: {
      username: `u${tag}`,
      email: `u${tag}@example.com`,
      passwordHash: overrides.password ? await bcrypt.hash(overrides.password, 4) : 'not-a-usable-hash',
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

/** Headers of the seeded public `web` app, for endpoints that need an app but no session. */
export const WEB = { 'x-app-id': 'web' };

/** Logs in through the real endpoint under `web` and returns the headers that carry the session. */
export async function loginAs(http: HttpClient, account: string, password: string): Promise<Record<string, string>> {
  const response = await http.post('/api/v1/auth/login', { account, password }, { headers: WEB });
  if (response.body.code !== 0) throw new Error(`login failed: ${response.text}`);
  const { uuid, ukey } = response.body.data;
  return { ...WEB, authorization: `Bearer ${uuid}.${ukey}` };
}
