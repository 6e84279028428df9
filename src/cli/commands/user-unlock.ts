import { RESET_CODE_ATTEMPTS } from '../../accounts/password-reset.service';
import { AuditService } from '../../audit/audit.service';
import { foldEmail } from '../../auth/account-names';
import { AttemptsService } from '../../auth/attempts.service';
import { PrismaService } from '../../core/database/prisma.service';
import { ErrorCode } from '../../core/errors/catalogue';
import { DomainError } from '../../core/errors/domain-error';
import { read } from '../../core/http/condition';
import { UserStatus } from '../../generated/prisma/client';
import { AccountStatus } from '../../users/account-status';
import { lockedStatus } from '../../users/users.sql';
import { CommandValues, printResult, stringOption } from '../command';
import { runWithApp } from '../run-with-app';

/** The user a name, an email address or a uuid names; 1053 when none. */
async function findUser(prisma: PrismaService, user: string): Promise<{ id: string; username: string }> {
  const uuid = read.uuid(user);
  const found = await prisma.user.findFirst({
    where: uuid ? { id: uuid } : user.includes('@') ? { email: foldEmail(user) } : { username: { equals: user, mode: 'insensitive' } },
    select: { id: true, username: true },
  });
  if (!found) throw new DomainError(ErrorCode.USER_NOT_FOUND, `no user ${user}`);
  return found;
}

/**
 * `platform user:unlock --user <username|email|uuid>`: lets a user in again from the server's
 * machine. Their count of password and reset-code attempts is forgotten (1075 no more), and a
 * LOCKED account (a moderator's verdict) is ACTIVE again, audited as `user.update`. A BANNED or
 * PENDING account keeps its status: a ban is lifted by an administrator, an address is proved by mail.
 */
export async function run(values: CommandValues): Promise<void> {
  const name = stringOption(values, 'user', true);
  await runWithApp(async (app) => {
    const prisma = app.get(PrismaService);
    const user = await findUser(prisma, name);
    const moved = await prisma.$transaction(async (tx) => {
      // Read under the row's lock: only a LOCKED account moves, whatever happens meanwhile.
      if ((await lockedStatus(tx, user.id)) !== UserStatus.LOCKED) return undefined;
      const move = await app.get(AccountStatus).move(tx, user.id, 'administrator', UserStatus.ACTIVE);
      await app.get(AuditService).record(
        {
          action: 'user.update',
          targetType: 'user',
          targetId: user.id,
          details: { via: 'cli', status: { from: move.from, to: move.to } },
        },
        tx,
      );
      return move;
    });
    await moved?.afterCommit();
    const attempts = app.get(AttemptsService);
    await attempts.clear(attempts.password, { userId: user.id });
    await attempts.clear(RESET_CODE_ATTEMPTS, { userId: user.id });
    const status = moved ? `${moved.to} (was ${moved.from})` : (await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).status;
    printResult({ uuid: user.id, username: user.username, status, attempts: 'cleared' });
  });
}
