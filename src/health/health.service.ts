import { timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';

import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

import { PasswordsService } from '../auth/passwords.service';
import { ImageCaptchaService } from '../captcha/image-captcha.service';
import { AppConfig } from '../core/config/app-config';
import { sha256 } from '../core/crypto/tokens';
import { isDatabaseUnavailable, sqlStateOf } from '../core/database/database-errors';
import { readMigrations } from '../core/database/migrator';
import { PrismaService } from '../core/database/prisma.service';
import { ReplicaReads } from '../core/database/replica-reads';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { CheckResult, DetailedReadiness, PublicReadiness, ReadinessCheck, ReadinessFailure } from '../core/process/readiness-check';
import { REDIS, RedisClient } from '../core/redis/redis.module';
import { TemplateStore } from '../core/templates/template-store';
import { ArchiveProbe } from '../files/archive-probe';
import { FileStore } from '../files/file-store';
import { MailTransport } from '../mail/mail-transport.service';
import { QqConnectClient } from '../qq/qq-connect.client';
import { SealedKeys } from '../signing/sealed-keys.service';
import { appliedMigrations, selectOne } from './health.sql';

const CHECK_TIMEOUT_MS = 3000;
/** How long the result of a check that costs a handshake or disk work is reused. */
const EXPENSIVE_CHECK_CACHE_MS = 5000;

function withTimeout<T>(work: Promise<T>, ms = CHECK_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ReadinessFailure(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** The message a token holder may see: a ReadinessFailure's own words, else only the kind of failure. */
function safeMessage(error: unknown): string {
  if (error instanceof ReadinessFailure) return error.message;
  return isDatabaseUnavailable(error) ? 'unreachable' : 'check failed (the log has the error)';
}

interface Remembered {
  result: Promise<CheckResult>;
  until: number;
}

/**
 * Readiness: each dependency and runtime capability the server needs, with the catalogue code it
 * answers when it is the first to fail. The same checks make the start-up report, one log line
 * each, once the application is up.
 */
@Injectable()
export class HealthService implements OnApplicationBootstrap {
  private readonly logger = new Logger(HealthService.name);
  private readonly checks: ReadinessCheck[];
  /** The last run of each check: shared by callers while it runs, reused for `cacheMs` after. */
  private readonly remembered = new Map<string, Remembered>();
  private migrationNames?: Promise<string[]>;

  constructor(
    private readonly prisma: PrismaService,
    private readonly config: AppConfig,
    private readonly http: HttpAdapterHost,
    mail: MailTransport,
    @Inject(REDIS) redis: RedisClient,
    sealedKeys: SealedKeys,
    qq: QqConnectClient,
    files: FileStore,
    replica: ReplicaReads,
    passwords: PasswordsService,
    templates: TemplateStore,
    archives: ArchiveProbe,
    captchas: ImageCaptchaService,
  ) {
    this.checks = [
      // 1007 out of reach or migrations pending; 999 when the server answers but the driver cannot work with it.
      { name: 'database', via: 'postgres', code: ErrorCode.DATABASE_UNAVAILABLE, run: () => this.checkDatabase() },
      // The read replica answers, when DATABASE_REPLICA_URL is set (lists read there fail otherwise).
      ...(replica.separate
        ? [{ name: 'replica', via: 'postgres', code: ErrorCode.DATABASE_UNAVAILABLE, run: () => selectOne(replica.prisma) }]
        : []),
      {
        name: 'store',
        via: redis ? 'redis' : 'postgres',
        code: ErrorCode.RUNTIME_SESSION_STORE,
        run: () => (redis ? this.checkRedis(redis) : selectOne(this.prisma)),
      },
      { name: 'mail', via: mail.kind, code: ErrorCode.MAIL_SEND_FAILED, cacheMs: EXPENSIVE_CHECK_CACHE_MS, run: () => mail.check() },
      // The storage directory, or the S3 bucket (STORAGE_DRIVER).
      {
        name: 'storage',
        via: files.kind,
        code: ErrorCode.RUNTIME_FILE_MISSING,
        cacheMs: EXPENSIVE_CHECK_CACHE_MS,
        run: () => files.check(),
      },
      // Stored app and api keys open under APP_SECRET_KEY (a wrong key would make every keyed app "unknown").
      { name: 'keys', via: 'APP_SECRET_KEY', code: ErrorCode.RUNTIME_FILE_MISSING, run: () => sealedKeys.check() },
      // Data files read at start-up (the common-password list).
      { name: 'data', via: 'file', code: ErrorCode.DATA_FILE_MISSING, run: () => passwords.checkData() },
      // The public pages and their scripts, read at start-up.
      { name: 'pages', via: 'templates', code: ErrorCode.PUBLIC_FILE_MISSING, run: () => templates.checkPages() },
      // Uploaded zips are checked as archives: the checker opens the probe made at start-up.
      { name: 'archive', via: 'yauzl', code: ErrorCode.RUNTIME_ARCHIVE, cacheMs: EXPENSIVE_CHECK_CACHE_MS, run: () => archives.check() },
      // Image captchas render, when they are the kind in use (the default, ALTCHA, draws no image).
      ...(config.CAPTCHA_KIND === 'image'
        ? [
            {
              name: 'image',
              via: 'svg-captcha',
              code: ErrorCode.RUNTIME_IMAGE,
              cacheMs: EXPENSIVE_CHECK_CACHE_MS,
              run: () => captchas.checkRenders(),
            },
          ]
        : []),
      // QQ Connect's host answers, when QQ login is configured (not reported otherwise).
      ...(qq.configured
        ? [
            {
              name: 'qq',
              via: 'qq-connect',
              code: ErrorCode.RUNTIME_HTTP_CLIENT,
              cacheMs: EXPENSIVE_CHECK_CACHE_MS,
              run: () => qq.checkReachable(),
            },
          ]
        : []),
    ];
  }

  /**
   * Every check at once, each bounded in time. Everyone learns up or down, a failure answering 503
   * with the first failing check's code; the holder of HEALTH_TOKEN also sees each check's state.
   */
  async readiness(presentedToken: string | undefined): Promise<PublicReadiness | DetailedReadiness> {
    return this.answer(this.maySeeDetails(presentedToken));
  }

  /** The detailed answer, for a caller the access guard let in (an administrator). */
  details(): Promise<DetailedReadiness> {
    return this.answer(true) as Promise<DetailedReadiness>;
  }

  /**
   * The start-up report of a server (not of a command-line run): every check once, one log line
   * each (an error naming the code for each one down).
   */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.http.httpAdapter) return;
    const results = await this.results();
    this.checks.forEach((check, i) => {
      const result = results[i];
      if (result.status === 'up') this.logger.log({ check: check.name, via: check.via }, `start-up check ${check.name}: up`);
      else
        this.logger.error(
          { check: check.name, via: check.via, code: result.code },
          `start-up check ${check.name}: down (${result.code}): ${result.message}`,
        );
    });
  }

  private async answer(details: boolean): Promise<PublicReadiness | DetailedReadiness> {
    const results = await this.results();
    const failed = results.find((result) => result.status === 'down');
    const status = failed ? 'down' : 'up';
    const answer: PublicReadiness | DetailedReadiness = details
      ? { status, checks: Object.fromEntries(this.checks.map((check, i) => [check.name, results[i]])) }
      : { status };
    if (failed) throw new DomainError(failed.code!, undefined, { status: 503, data: answer });
    return answer;
  }

  private results(): Promise<CheckResult[]> {
    return Promise.all(this.checks.map((check) => this.resultOf(check)));
  }

  /** True when `presented` is the configured HEALTH_TOKEN (compared in constant time). */
  private maySeeDetails(presented: string | undefined): boolean {
    const expected = this.config.HEALTH_TOKEN;
    return !!expected && presented !== undefined && timingSafeEqual(sha256(presented), sha256(expected));
  }

  private resultOf(check: ReadinessCheck): Promise<CheckResult> {
    const now = Date.now();
    const last = this.remembered.get(check.name);
    if (last && last.until > now) return last.result;
    const entry: Remembered = { result: this.run(check), until: Infinity };
    this.remembered.set(check.name, entry);
    void entry.result.then(() => (entry.until = Date.now() + (check.cacheMs ?? 0)));
    return entry.result;
  }

  private async run(check: ReadinessCheck): Promise<CheckResult> {
    try {
      await withTimeout(check.run());
      return { status: 'up', via: check.via };
    } catch (error) {
      this.logger.warn({ err: error, check: check.name }, `readiness: ${check.name} is down`);
      const code = (error instanceof ReadinessFailure && error.code) || check.code;
      return { status: 'down', via: check.via, code, message: safeMessage(error) };
    }
  }

  /**
   * Reachable through the application's pool (1007), usable through Prisma's driver over it (999),
   * and no migration on disk left unapplied (1007).
   */
  private async checkDatabase(): Promise<void> {
    this.migrationNames ??= readMigrations().then((all) => all.map((m) => m.name));
    await this.prisma.hotQuery('SELECT 1', []);
    // The server answered the pool: a failure of a query through Prisma that the server did not
    // answer with an SQL error is the driver layer's own (999).
    const applied = await appliedMigrations(this.prisma).catch((error: unknown) => {
      if (isDatabaseUnavailable(error) || sqlStateOf(error) !== undefined) throw error;
      throw new ReadinessFailure('the database answers, but not through the database driver', ErrorCode.RUNTIME_DATABASE_DRIVER);
    });
    const done = new Set(applied);
    const pending = (await this.migrationNames).filter((name) => !done.has(name));
    if (pending.length > 0) throw new ReadinessFailure(`migrations pending: ${pending.join(', ')}`);
  }

  /** Commands fail fast while ioredis (re)connects, so give it the check's time to get there. */
  private async checkRedis(redis: NonNullable<RedisClient>): Promise<void> {
    try {
      if (redis.status !== 'ready') await once(redis, 'ready', { signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
      await redis.ping();
    } catch {
      throw new ReadinessFailure('unreachable');
    }
  }
}
