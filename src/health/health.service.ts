import { Inject, Injectable } from '@nestjs/common';
import { once } from 'node:events';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AppConfig } from '../core/config/app-config';
import { readMigrations } from '../core/database/migrator';
import { PrismaService } from '../core/database/prisma.service';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { REDIS, RedisClient } from '../core/redis/redis.module';
import { MailTransport } from '../mail/mail-transport.service';
import { QqConnectClient } from '../qq/qq-connect.client';
import { SealedKeys } from '../signing/sealed-keys.service';

const CHECK_TIMEOUT_MS = 3000;

export interface DependencyCheck {
  status: 'up' | 'down';
  /** What serves this dependency (postgres, redis, smtp, outbox, a directory). */
  via: string;
  /** The catalogue code a failure of this dependency answers with. */
  code?: ErrorCode;
  error?: string;
}

/** `qq` only when QQ login is configured (QQ_APP_ID). */
export type ReadinessReport = Record<'database' | 'store' | 'mail' | 'storage' | 'keys', DependencyCheck> & { qq?: DependencyCheck };

function withTimeout<T>(work: Promise<T>, ms = CHECK_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function probe(via: string, code: ErrorCode, work: () => Promise<void>): Promise<DependencyCheck> {
  try {
    await withTimeout(work());
    return { status: 'up', via };
  } catch (error) {
    return { status: 'down', via, code, error: (error as Error).message };
  }
}

@Injectable()
export class HealthService {
  private migrationNames?: Promise<string[]>;

  constructor(
    private readonly prisma: PrismaService,
    private readonly config: AppConfig,
    private readonly mail: MailTransport,
    @Inject(REDIS) private readonly redis: RedisClient,
    private readonly sealedKeys: SealedKeys,
    private readonly qq: QqConnectClient,
  ) {}

  /** Every dependency, each checked at once and within a bounded time; throws when one is down. */
  async readiness(): Promise<ReadinessReport> {
    const qq = this.checkQq();
    const [database, store, mail, storage, keys] = await Promise.all([
      probe('postgres', ErrorCode.DATABASE_UNAVAILABLE, () => this.checkDatabase()),
      this.redis
        ? probe('redis', ErrorCode.RUNTIME_SESSION_STORE, () => this.checkRedis(this.redis!))
        : probe('postgres', ErrorCode.RUNTIME_SESSION_STORE, async () => void (await this.prisma.$queryRaw`SELECT 1`)),
      probe(this.mail.kind, ErrorCode.MAIL_SEND_FAILED, () => this.mail.check()),
      probe(this.config.storageDir, ErrorCode.RUNTIME_FILE_MISSING, () => this.checkStorage()),
      // Stored app and api keys open under APP_SECRET_KEY (a wrong key would make every keyed app "unknown").
      probe('APP_SECRET_KEY', ErrorCode.RUNTIME_FILE_MISSING, () => this.sealedKeys.check()),
    ]);
    const report: ReadinessReport = { database, store, mail, storage, keys, ...(await qq) };
    const failed = Object.entries(report).find(([, check]) => check.status === 'down');
    if (failed) {
      const [name, check] = failed;
      throw new DomainError(check.code!, `${name}: ${check.error}`, { status: 503, data: report });
    }
    return report;
  }

  /** QQ Connect's host answers, when QQ login is configured (996 otherwise); checked beside the rest. */
  private async checkQq(): Promise<{ qq?: DependencyCheck }> {
    if (!this.qq.configured) return {};
    return { qq: await probe(this.config.QQ_CONNECT_BASE, ErrorCode.RUNTIME_HTTP_CLIENT, () => this.qq.checkReachable()) };
  }

  /** Reachable through the application's pool, and no migration on disk left unapplied. */
  private async checkDatabase(): Promise<void> {
    this.migrationNames ??= readMigrations().then((all) => all.map((m) => m.name));
    const applied = await this.prisma.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM "_prisma_migrations"
       WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const done = new Set(applied.map((row) => row.migration_name));
    const pending = (await this.migrationNames).filter((name) => !done.has(name));
    if (pending.length > 0) throw new Error(`migrations pending: ${pending.join(', ')}`);
  }

  /** Commands fail fast while ioredis (re)connects, so give it the check's time to get there. */
  private async checkRedis(redis: NonNullable<RedisClient>): Promise<void> {
    if (redis.status !== 'ready') await once(redis, 'ready');
    await redis.ping();
  }

  private async checkStorage(): Promise<void> {
    const dir = this.config.storageDir;
    await fs.mkdir(dir, { recursive: true });
    const probeFile = path.join(dir, `.ready-${process.pid}`);
    await fs.writeFile(probeFile, '');
    await fs.unlink(probeFile);
  }
}
