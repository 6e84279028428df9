import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsTimeZone,
  IsUrl,
  Length,
  Matches,
  Max,
  Min,
  validateSync,
  ValidateIf,
  ValidationError,
} from 'class-validator';
import os from 'node:os';
import path from 'node:path';

// Transforms read the raw string from `obj`: implicit conversion has already run on `value`.
type Raw = { obj: Record<string, unknown>; key: string };

const toList = ({ obj, key }: Raw): unknown => {
  const value = obj[key];
  return typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
    : value;
};

const toBoolean = ({ obj, key }: Raw): unknown => {
  const value = obj[key];
  if (typeof value !== 'string') return value;
  if (/^(true|1|yes)$/i.test(value)) return true;
  if (/^(false|0|no)$/i.test(value)) return false;
  return value;
};

const POSTGRES_URL = /^postgres(ql)?:\/\/\S+$/;
const REDIS_URL = /^rediss?:\/\/\S+$/;
const SMTP_URL = /^smtps?:\/\/\S+$/;

/**
 * Every setting of the process, read from the environment once at start-up. `.env.example`
 * documents each one; nothing else reads process.env.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @IsString()
  HOST: string = '0.0.0.0';

  /** Unset: an embedded PostgreSQL is started under DATA_DIR. */
  @IsOptional()
  @Matches(POSTGRES_URL, { message: 'must be a postgresql:// URL' })
  DATABASE_URL?: string;

  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE: number = 10;

  /** Milliseconds a query waits for a pooled connection before the request fails with 1007. */
  @IsInt()
  @Min(100)
  DATABASE_CONNECT_TIMEOUT_MS: number = 5000;

  /**
   * Longest run of one statement, in milliseconds (1007 beyond): PostgreSQL cancels it, and the
   * client gives up a second later when the server does not answer at all (frozen, partitioned).
   */
  @IsInt()
  @Min(100)
  DATABASE_STATEMENT_TIMEOUT_MS: number = 5000;

  /** Longest wait for a row or table lock, in milliseconds (1007 beyond); 0: bounded by the statement timeout alone. */
  @IsInt()
  @Min(0)
  DATABASE_LOCK_TIMEOUT_MS: number = 0;

  /** Unset: the nonce and rate-limit stores live in PostgreSQL. */
  @IsOptional()
  @Matches(REDIS_URL, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /** Prefix of every Redis key, so several deployments can share one Redis. */
  @IsString()
  REDIS_KEY_PREFIX: string = 'platform:';

  /** Milliseconds one Redis command may take before the request fails with 995 (a frozen or partitioned Redis). */
  @IsInt()
  @Min(50)
  REDIS_COMMAND_TIMEOUT_MS: number = 1000;

  /** Unset: mail is written to an outbox folder under DATA_DIR and logged. */
  @IsOptional()
  @Matches(SMTP_URL, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsString()
  MAIL_FROM: string = 'Platform <no-reply@localhost>';

  @IsUrl({ require_tld: false, require_protocol: true })
  PUBLIC_URL: string = 'http://localhost:3000';

  @IsString()
  DATA_DIR: string = '.data';

  /** Where uploaded files are kept; default DATA_DIR/storage. */
  @IsOptional()
  @IsString()
  STORAGE_DIR?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /** Origins allowed by CORS, comma-separated; empty: no cross-origin access. */
  @Transform(toList)
  @IsString({ each: true })
  CORS_ORIGINS: string[] = [];

  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES: number = 1024 * 1024;

  @Transform(toBoolean)
  @IsBoolean()
  TRUST_PROXY: boolean = false;

  /**
   * Shown the details of GET /health/ready (which check failed, its code, a safe message) when
   * sent as `Authorization: Bearer <token>` or `X-Health-Token`; unset, everyone sees up or down only.
   */
  @IsOptional()
  @IsString()
  @Length(16, 200, { message: 'must be 16 to 200 characters' })
  HEALTH_TOKEN?: string;

  /** Milliseconds given to in-flight requests after SIGTERM before the process exits anyway. */
  @IsInt()
  @Min(0)
  SHUTDOWN_TIMEOUT_MS: number = 10000;

  /**
   * Key that encrypts app and api keys at rest (AES-256-GCM): 32 bytes, base64 or hex. Required in
   * production; elsewhere, unset means one is generated once and kept in DATA_DIR/app-secret.key.
   */
  @ValidateIf((config: AppConfig) => config.NODE_ENV === 'production' || config.APP_SECRET_KEY !== undefined)
  @IsDefined({ message: 'is required in production' })
  @Matches(/^([A-Za-z0-9+/_-]{43}=?|[0-9a-fA-F]{64})$/, { message: 'must be 32 bytes, base64 or hex' })
  APP_SECRET_KEY?: string;

  /** Seconds a signed request's timestamp may differ from the server's clock (1012 beyond). */
  @IsInt()
  @Min(1)
  SIGNATURE_MAX_SKEW_SECONDS: number = 300;

  /** Seconds an app's previous key keeps working after a rotation. */
  @IsInt()
  @Min(0)
  APP_KEY_ROTATION_GRACE_SECONDS: number = 600;

  /** Length of a rate-limit window, in seconds. */
  @IsInt()
  @Min(1)
  RATE_LIMIT_WINDOW_SECONDS: number = 60;

  /** Signed requests one app may make per window, across all processes (0: unlimited). */
  @IsInt()
  @Min(0)
  RATE_LIMIT_PER_APP: number = 6000;

  /** Signed requests one client IP may make per window, across all processes (0: unlimited). */
  @IsInt()
  @Min(0)
  RATE_LIMIT_PER_IP: number = 1200;

  /** IANA time zone whose calendar day a daily check-in belongs to. */
  @IsTimeZone()
  TZ_CHECKIN: string = 'Asia/Shanghai';

  /** Points of every check-in. */
  @IsInt()
  @Min(1)
  CHECKIN_BASE_POINTS: number = 10;

  /** Extra points per consecutive day after the first (day n of a streak earns (n-1) times this). */
  @IsInt()
  @Min(0)
  CHECKIN_STREAK_BONUS: number = 2;

  /** Most extra points a streak can add to one check-in. */
  @IsInt()
  @Min(0)
  CHECKIN_STREAK_BONUS_CAP: number = 20;

  /** Folder of the mail and page templates (`mail/<name>.<locale>.html|txt`, `pages/`). */
  @IsString()
  TEMPLATES_DIR: string = 'templates';

  /** bcrypt cost of password hashes (each step doubles the work of a login). */
  @IsInt()
  @Min(4)
  @Max(15)
  BCRYPT_COST: number = 12;

  /** bcrypt hashes computed at once; more wait their turn (default: the number of cores). */
  @IsInt()
  @Min(1)
  BCRYPT_CONCURRENCY: number = Math.max(1, os.availableParallelism());

  /** Whether registration asks for an image captcha (GET /captcha). */
  @Transform(toBoolean)
  @IsBoolean()
  CAPTCHA_REQUIRED: boolean = true;

  /** Longest life of a session, from login, in seconds (30 days). */
  @IsInt()
  @Min(60)
  SESSION_MAX_AGE: number = 30 * 24 * 3600;

  /** A session unused this many seconds ends (7 days). */
  @IsInt()
  @Min(60)
  SESSION_IDLE_TIMEOUT: number = 7 * 24 * 3600;

  /** How long a mailed verification link works, in seconds (7 days). */
  @IsInt()
  @Min(60)
  VERIFICATION_LINK_TTL: number = 7 * 24 * 3600;

  /** Failed or attempted logins one account may have per window before 1075. */
  @IsInt()
  @Min(0)
  LOGIN_LIMIT_PER_ACCOUNT: number = 5;

  /** Login attempts one IP address may make per window before 1075. */
  @IsInt()
  @Min(0)
  LOGIN_LIMIT_PER_IP: number = 30;

  /** The window of the login limits, in seconds (15 minutes). */
  @IsInt()
  @Min(1)
  LOGIN_LIMIT_WINDOW_SECONDS: number = 900;

  /** Mails (verification, reset code) one address may be sent per hour; more are silently skipped. */
  @IsInt()
  @Min(0)
  MAIL_LIMIT_PER_ADDRESS: number = 5;

  /** Messages one user may send per hour before 1075 (0: unlimited). */
  @IsInt()
  @Min(0)
  MESSAGE_LIMIT_PER_HOUR: number = 30;

  /** Balance (cents) a developer app costs at creation and at each renewal (0: free). */
  @IsInt()
  @Min(0)
  DEVELOPER_APP_PRICE_CENTS: number = 1000;

  /** Days a developer app runs from its creation, and each renewal adds. */
  @IsInt()
  @Min(1)
  DEVELOPER_APP_DAYS: number = 30;

  /** End users a new developer app may register. */
  @IsInt()
  @Min(0)
  DEVELOPER_APP_USER_CAP: number = 1000;

  /** Developer apps one developer may ever create, closed ones included (0: unlimited). */
  @IsInt()
  @Min(0)
  DEVELOPER_APP_QUOTA_TOTAL: number = 10;

  /** Developer apps one developer may create per calendar month in TZ_CHECKIN (0: unlimited). */
  @IsInt()
  @Min(0)
  DEVELOPER_APP_QUOTA_MONTHLY: number = 3;

  /** Largest file one upload may carry, in bytes (1046 beyond). */
  @IsInt()
  @Min(1)
  FILE_MAX_BYTES: number = 50 * 1024 * 1024;

  /** Most entries an uploaded zip may hold (1016 beyond). */
  @IsInt()
  @Min(1)
  ARCHIVE_MAX_ENTRIES: number = 10_000;

  /** Most bytes an uploaded zip may unpack to, all entries together (1016 beyond). */
  @IsInt()
  @Min(1)
  ARCHIVE_MAX_UNPACKED_BYTES: number = 1024 * 1024 * 1024;

  /** Highest unpacked-to-packed size ratio of one zip entry (1016 beyond): zip bombs. */
  @IsInt()
  @Min(1)
  ARCHIVE_MAX_RATIO: number = 100;

  /** Longest life of a download credential, in seconds (7 days). */
  @IsInt()
  @Min(1)
  CREDENTIAL_MAX_SECONDS: number = 7 * 24 * 3600;

  get dataDir(): string {
    return path.resolve(this.DATA_DIR);
  }

  get storageDir(): string {
    return path.resolve(this.STORAGE_DIR ?? path.join(this.DATA_DIR, 'storage'));
  }

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((line) => `  ${line}`).join('\n')}`);
  }
}

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((error) =>
    Object.values(error.constraints ?? {}).map(
      (message) => `${error.property}: ${message.replace(`${error.property} `, '')}`,
    ),
  );
}

/** Reads and validates the environment; throws ConfigError with one line per problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const present = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => known.includes(key) && value !== ''),
  );
  const config = plainToInstance(AppConfig, present, { enableImplicitConversion: true });
  const problems = describe(validateSync(config, { forbidUnknownValues: false }));
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
