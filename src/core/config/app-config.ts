import 'reflect-metadata';

import { isIP } from 'node:net';
import os from 'node:os';
import path from 'node:path';

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
  ValidateBy,
  ValidateIf,
  validateSync,
  ValidationArguments,
  ValidationError,
} from 'class-validator';

import { decodeSecretKey, SECRET_KEY_ADVICE, SECRET_KEY_FORMAT, secretKeyWeakness } from '../crypto/secret-key';
import { tracingRequested } from '../tracing/tracing-requested';

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

/** TRUST_PROXY: `false`/`0`, a hop count, or a list of addresses and CIDRs; anything else is left for the validator to name. */
const toTrustProxy = ({ obj, key }: Raw): unknown => {
  const value = obj[key];
  if (typeof value !== 'string') return value;
  if (/^(false|no|0)$/i.test(value.trim())) return false;
  if (/^\d+$/.test(value.trim())) return Number(value);
  if (/^(true|yes)$/i.test(value.trim())) return value;
  return toList({ obj, key });
};

/** WORKERS: a number, or `auto` for one per core. */
const toWorkers = ({ obj, key }: Raw): unknown => {
  const value = obj[key];
  if (typeof value !== 'string') return value;
  if (value.trim().toLowerCase() === 'auto') return os.availableParallelism();
  return /^\d+$/.test(value.trim()) ? Number(value) : value;
};

/** proxy-addr's names for ranges, beside single addresses and CIDRs. */
/**
 * Whether AsyncLocalStorage runs on AsyncContextFrame (Node 24 and later unless turned off; Node 22
 * with --experimental-async-context-frame). There a context around each request costs about 3% of a
 * cached read's CPU; on async_hooks (Node 20, Node 22 by default), where every promise pays for it,
 * about 10% (bench/cost.js, the README's Log fields).
 */
export function asyncContextIsCheap(
  version = process.versions.node,
  flags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)],
): boolean {
  if (flags.includes('--no-async-context-frame')) return false;
  return Number(version.split('.')[0]) >= 24 || flags.includes('--experimental-async-context-frame');
}

const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGES.has(entry)) return true;
  const [address, prefix, extra] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || extra !== undefined) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
}

function trustProxyProblem(value: unknown): string | undefined {
  if (value === false) return undefined;
  if (value === true || (typeof value === 'string' && /^(true|yes)$/i.test(value))) {
    return 'true would trust every hop, so any client could pick its own address with X-Forwarded-For: give the number of proxies in front of the server (e.g. 1) or their addresses/CIDRs (e.g. 10.0.0.0/8)';
  }
  if (typeof value === 'number') return Number.isInteger(value) && value >= 1 && value <= 20 ? undefined : 'a hop count is 1-20';
  if (Array.isArray(value) && value.length > 0 && value.every((entry) => typeof entry === 'string' && isProxyAddress(entry)))
    return undefined;
  return 'must be false, a hop count, or a comma list of IP addresses and CIDRs (or loopback, linklocal, uniquelocal)';
}

/** In production APP_SECRET_KEY must look like 32 random bytes; elsewhere any 32 bytes do. */
function secretKeyProblem(value: unknown, { object }: ValidationArguments): string | undefined {
  if (!(object as AppConfig).isProduction || typeof value !== 'string' || !SECRET_KEY_FORMAT.test(value)) return undefined;
  const weakness = secretKeyWeakness(decodeSecretKey(value));
  return weakness && `does not look like 32 random bytes (${weakness}): ${SECRET_KEY_ADVICE}`;
}

/** A format check that leaves an unset value to @IsDefined, so a missing setting is reported once. */
const formatOrUnset = (format: RegExp, message: string) => ({
  name: 'formatOrUnset',
  validator: {
    validate: (value: unknown) => value === undefined || (typeof value === 'string' && format.test(value)),
    defaultMessage: () => message,
  },
});

/** 32 bytes in hex or base64, that (in production) look random. */
function IsSecretKey(): PropertyDecorator {
  return (target, property) => {
    Matches(SECRET_KEY_FORMAT, { message: `must be 32 bytes, base64 or hex: ${SECRET_KEY_ADVICE}` })(target, property);
    ValidateBy({
      name: 'randomKey',
      validator: {
        validate: (value, args) => secretKeyProblem(value, args!) === undefined,
        defaultMessage: (args) => secretKeyProblem(args!.value, args!) ?? '',
      },
    })(target, property);
  };
}

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

  /**
   * Processes serving behind the one port (node:cluster): 1 serves in this process alone; `auto`
   * is one per core. Each worker has its own DATABASE_POOL_SIZE connections.
   */
  @Transform(toWorkers)
  @ValidateBy({
    name: 'workers',
    validator: {
      validate: (value) => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 64,
      defaultMessage: () => 'must be a number of processes (1-64) or auto',
    },
  })
  WORKERS: number = 1;

  /** Seconds between two runs of each sweep of expired rows (nonces, counters, captchas, ...), once across all processes. */
  @IsInt()
  @Min(1)
  SWEEP_INTERVAL_SECONDS: number = 60;

  /** Unset: an embedded PostgreSQL is started under DATA_DIR. */
  @IsOptional()
  @Matches(POSTGRES_URL, { message: 'must be a postgresql:// URL' })
  DATABASE_URL?: string;

  /**
   * A read replica (streaming replication of DATABASE_URL) for lists that tolerate a little lag:
   * public tutorial lists and tags, the leaderboard, administrators' lists and the audit log.
   * Unset: everything reads the primary.
   */
  @IsOptional()
  @Matches(POSTGRES_URL, { message: 'must be a postgresql:// URL' })
  DATABASE_REPLICA_URL?: string;

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

  /**
   * Unset (outside production only): mail is written as .eml files to DATA_DIR/outbox. Required in
   * production, where a local folder would leave every link and code unread on the server.
   */
  @ValidateIf((config: AppConfig) => config.NODE_ENV === 'production' || config.SMTP_URL !== undefined)
  @IsDefined({ message: 'is required in production (without it mail only lands in a folder on the server)' })
  @Matches(SMTP_URL, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** Seconds to wait for the SMTP server's TCP connection (nodemailer's default: 120). */
  @IsInt()
  @Min(1)
  SMTP_CONNECTION_TIMEOUT_SECONDS: number = 10;

  /** Seconds to wait for the SMTP server's greeting once connected (nodemailer's default: 30). */
  @IsInt()
  @Min(1)
  SMTP_GREETING_TIMEOUT_SECONDS: number = 10;

  /** Seconds the SMTP server may stay silent mid-conversation (nodemailer's default: 600). */
  @IsInt()
  @Min(1)
  SMTP_SOCKET_TIMEOUT_SECONDS: number = 30;

  /** Delivery attempts of one queued mail before it is given up (kept as failed, its secret erased). */
  @IsInt()
  @Min(1)
  @Max(50)
  MAIL_MAX_ATTEMPTS: number = 10;

  /** Seconds before the first retry of a failed mail; each further retry waits twice as long (at most an hour). */
  @IsInt()
  @Min(1)
  MAIL_RETRY_BASE_SECONDS: number = 30;

  /** Milliseconds between looks for due mail in the outbox table (mail queued here is sent at once). */
  @IsInt()
  @Min(50)
  MAIL_OUTBOX_POLL_MS: number = 1000;

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

  /**
   * Where the bytes of uploaded files live: `local` (STORAGE_DIR, one server) or `s3` (a bucket of
   * S3 or an S3-compatible store, which replicas share). Uploads in flight are spooled under
   * STORAGE_DIR/tmp with either.
   */
  @IsIn(['local', 's3'])
  STORAGE_DRIVER: 'local' | 's3' = 'local';

  /** The store's URL (MinIO, Ceph, R2...); unset: AWS S3 itself, by S3_REGION. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  S3_ENDPOINT?: string;

  /** The bucket the files go in (it must exist); required with STORAGE_DRIVER=s3. */
  @ValidateIf((config: AppConfig) => config.STORAGE_DRIVER === 's3' || config.S3_BUCKET !== undefined)
  @IsDefined({ message: 'is required with STORAGE_DRIVER=s3' })
  @ValidateBy(formatOrUnset(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name: 3-63 of [a-z0-9.-]'))
  S3_BUCKET?: string;

  /** The bucket's region (us-east-1 for most S3-compatible stores); required with STORAGE_DRIVER=s3. */
  @ValidateIf((config: AppConfig) => config.STORAGE_DRIVER === 's3' || config.S3_REGION !== undefined)
  @IsDefined({ message: 'is required with STORAGE_DRIVER=s3' })
  @ValidateBy(formatOrUnset(/^[a-z0-9-]{1,64}$/, 'must be a region name such as us-east-1'))
  S3_REGION?: string;

  /** Access key of the store; with S3_SECRET_ACCESS_KEY. Both unset: the SDK's own chain (AWS_* variables, an instance or task role). */
  @ValidateIf((config: AppConfig) => config.S3_SECRET_ACCESS_KEY !== undefined || config.S3_ACCESS_KEY_ID !== undefined)
  @IsDefined({ message: 'is required with S3_SECRET_ACCESS_KEY' })
  S3_ACCESS_KEY_ID?: string;

  @ValidateIf((config: AppConfig) => config.S3_ACCESS_KEY_ID !== undefined || config.S3_SECRET_ACCESS_KEY !== undefined)
  @IsDefined({ message: 'is required with S3_ACCESS_KEY_ID' })
  S3_SECRET_ACCESS_KEY?: string;

  /** Address the bucket in the path (`host/bucket/key`) rather than the host name: MinIO and most self-hosted stores need it. */
  @Transform(toBoolean)
  @IsBoolean()
  S3_FORCE_PATH_STYLE: boolean = false;

  /**
   * Downloads answer 302 to a presigned URL of the store instead of streaming the bytes through
   * the server. The credential's byte budget is taken as for a streamed download, once per request.
   */
  @Transform(toBoolean)
  @IsBoolean()
  @ValidateBy({
    name: 'presignedNeedsS3',
    validator: {
      validate: (value, args) => value !== true || (args!.object as AppConfig).STORAGE_DRIVER === 's3',
      defaultMessage: () => 'needs STORAGE_DRIVER=s3 (files on a local disk have no URL to send a client to)',
    },
  })
  S3_PRESIGNED_DOWNLOADS: boolean = false;

  /** Seconds a presigned download URL works (within them it can be fetched again: keep it short). */
  @IsInt()
  @Min(1)
  @Max(3600)
  S3_PRESIGNED_TTL_SECONDS: number = 60;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /**
   * Whether every log line written while serving a request carries the request's id (an
   * AsyncLocalStorage around each request). By default on where that is cheap (Node 24, the
   * image's runtime) or already paid for (tracing keeps a context per request); otherwise off,
   * since on Node 20 and 22 it costs about a tenth of a cached read.
   */
  @Transform(toBoolean)
  @IsBoolean()
  LOG_REQUEST_CONTEXT: boolean = asyncContextIsCheap() || tracingRequested();

  /** Origins allowed by CORS, comma-separated; empty: no cross-origin access. */
  @Transform(toList)
  @IsString({ each: true })
  CORS_ORIGINS: string[] = [];

  /** The channels (`from`) the legacy gateway /api.php accepts, comma-separated (1010 for any other). */
  @Transform(toList)
  @IsString({ each: true })
  @Matches(/^[a-z][a-z0-9_]{0,31}$/, { each: true, message: 'each channel is a lower-case name of up to 32 of [a-z0-9_]' })
  LEGACY_CHANNELS: string[] = ['web', 'android', 'ios', 'qqbot', 'desktop'];

  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES: number = 1024 * 1024;

  /**
   * Which peers may tell the client's address in X-Forwarded-For: false (none: the socket's
   * address is the client's), a hop count (that many proxies, whatever their address: only when
   * nothing else can reach the server), or a list of the proxies' addresses and CIDRs.
   */
  @Transform(toTrustProxy)
  @ValidateBy({
    name: 'trustProxy',
    validator: {
      validate: (value) => trustProxyProblem(value) === undefined,
      defaultMessage: (args) => trustProxyProblem(args?.value) ?? '',
    },
  })
  TRUST_PROXY: false | number | string[] = false;

  /**
   * Shown the details of GET /health/ready (which check failed, its code, a safe message) when
   * sent as `Authorization: Bearer <token>` or `X-Health-Token`; unset, everyone sees up or down only.
   */
  @IsOptional()
  @IsString()
  @Length(16, 200, { message: 'must be 16 to 200 characters' })
  HEALTH_TOKEN?: string;

  /**
   * Serves GET /metrics (Prometheus) on a port of its own, apart from the public API (bind it to
   * a private interface with METRICS_HOST). Unset, and METRICS_TOKEN unset too: no metrics.
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  @ValidateBy({
    name: 'metricsPortApart',
    validator: {
      validate: (value, args) => value !== (args!.object as AppConfig).PORT,
      defaultMessage: () => 'must differ from PORT (metrics are never served unguarded on the public API)',
    },
  })
  METRICS_PORT?: number;

  /** The address METRICS_PORT listens on (a private interface, or 127.0.0.1 for a local scraper). */
  @IsString()
  METRICS_HOST: string = '0.0.0.0';

  /**
   * Serves GET /metrics on the public port to `Authorization: Bearer <token>` only (404 to anyone
   * else), when METRICS_PORT is unset. With METRICS_PORT set as well, the metrics port asks for it too.
   */
  @IsOptional()
  @IsString()
  @Length(16, 200, { message: 'must be 16 to 200 characters' })
  METRICS_TOKEN?: string;

  /** Milliseconds given to in-flight requests after SIGTERM before the process exits anyway. */
  @IsInt()
  @Min(0)
  SHUTDOWN_TIMEOUT_MS: number = 10000;

  /**
   * Seconds an idle keep-alive connection stays open between requests. Behind a load balancer,
   * set it above the balancer's own idle timeout.
   */
  @IsInt()
  @Min(1)
  KEEP_ALIVE_TIMEOUT_SECONDS: number = 5;

  /**
   * Key that encrypts app and api keys at rest (AES-256-GCM): 32 bytes, base64 or hex. Required in
   * production; elsewhere, unset means one is generated once and kept in DATA_DIR/app-secret.key.
   */
  @ValidateIf((config: AppConfig) => config.NODE_ENV === 'production' || config.APP_SECRET_KEY !== undefined)
  @IsDefined({ message: 'is required in production' })
  @IsSecretKey()
  APP_SECRET_KEY?: string;

  /**
   * The key APP_SECRET_KEY replaced, during a rotation: values sealed under it still open, nothing
   * new is sealed under it. `platform secret:reseal` seals everything under APP_SECRET_KEY; then
   * this one is removed.
   */
  @IsOptional()
  @IsSecretKey()
  @ValidateBy(
    {
      name: 'notTheCurrentKey',
      validator: { validate: (value, args) => value !== (args!.object as AppConfig).APP_SECRET_KEY },
    },
    { message: 'is APP_SECRET_KEY itself: set the key being replaced' },
  )
  APP_SECRET_KEY_PREVIOUS?: string;

  /** Seconds a signed request's timestamp may differ from the server's clock (1012 beyond). */
  @IsInt()
  @Min(1)
  SIGNATURE_MAX_SKEW_SECONDS: number = 300;

  /** Seconds an app's (or developer app's) previous key keeps working after a rotation. */
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

  /** The list of common passwords refused at sign-up and password changes, one a line (1008 while missing). */
  @IsString()
  COMMON_PASSWORDS_FILE: string = 'data/common-passwords.txt';

  /** bcrypt cost of password hashes (each step doubles the work of a login). */
  @IsInt()
  @Min(4)
  @Max(15)
  BCRYPT_COST: number = 12;

  /** bcrypt hashes computed at once; more wait their turn (default: the number of cores). */
  @IsInt()
  @Min(1)
  BCRYPT_CONCURRENCY: number = Math.max(1, os.availableParallelism());

  /**
   * Longest a password check may wait for a hashing thread: past it, a login (or any request that
   * hashes) is answered 1075 with Retry-After at once instead of queueing.
   */
  @IsInt()
  @Min(1)
  BCRYPT_MAX_WAIT_MS: number = 5000;

  /** Whether registration asks for a captcha (GET /captcha). */
  @Transform(toBoolean)
  @IsBoolean()
  CAPTCHA_REQUIRED: boolean = true;

  /** The captcha GET /captcha issues and registration checks: a proof-of-work challenge (ALTCHA) or an image. */
  @IsIn(['altcha', 'image'])
  CAPTCHA_KIND: 'altcha' | 'image' = 'altcha';

  /** ALTCHA: the highest counter a solution may need (each challenge asks for one between half of this and this). */
  @IsInt()
  @Min(1)
  @Max(0xffffffff)
  CAPTCHA_POW_MAX_NUMBER: number = 10_000;

  /** ALTCHA: PBKDF2 iterations of every counter a client tries. */
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  CAPTCHA_POW_COST: number = 1_000;

  /** Captchas one IP may be issued, and captcha answers it may send, per window, each (1075 beyond; 0: unlimited). */
  @IsInt()
  @Min(0)
  CAPTCHA_LIMIT_PER_IP: number = 30;

  /** The window of the captcha limits, in seconds (10 minutes). */
  @IsInt()
  @Min(1)
  CAPTCHA_LIMIT_WINDOW_SECONDS: number = 600;

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

  /** Attempts at one account's password (login, password change) per window before 1075. */
  @IsInt()
  @Min(0)
  LOGIN_LIMIT_PER_ACCOUNT: number = 5;

  /** Attempts at a password or reset code one IP address may make per window before 1075. */
  @IsInt()
  @Min(0)
  LOGIN_LIMIT_PER_IP: number = 30;

  /** The window of the login limits, in seconds (15 minutes). */
  @IsInt()
  @Min(1)
  LOGIN_LIMIT_WINDOW_SECONDS: number = 900;

  /**
   * Mails (verification, reset code) one address may be queued per hour; more are silently skipped.
   * Mails given up after MAIL_MAX_ATTEMPTS do not count.
   */
  @IsInt()
  @Min(0)
  MAIL_LIMIT_PER_ADDRESS: number = 5;

  /** Messages one user may send per hour before 1075 (0: unlimited). */
  @IsInt()
  @Min(0)
  MESSAGE_LIMIT_PER_HOUR: number = 30;

  /** Tutorials one user may create per hour before 1075 (0: unlimited). */
  @IsInt()
  @Min(0)
  TUTORIAL_LIMIT_PER_HOUR: number = 10;

  /** Edits of title, body, tags, excerpt or cover one user may make per hour before 1075 (0: unlimited). */
  @IsInt()
  @Min(0)
  TUTORIAL_EDIT_LIMIT_PER_HOUR: number = 60;

  /** Tutorials of one author awaiting a publisher (PENDING) at once; asking for more is 1060 (0: unlimited). */
  @IsInt()
  @Min(0)
  TUTORIAL_PENDING_LIMIT: number = 5;

  /** Longest tutorial body, in characters (1074 beyond); the database holds at most 100,000. */
  @IsInt()
  @Min(1)
  @Max(100_000)
  TUTORIAL_BODY_MAX_LENGTH: number = 100_000;

  /** Reports one user may file per hour before 1075 (0: unlimited); a repeat of an open report counts too. */
  @IsInt()
  @Min(0)
  REPORT_LIMIT_PER_HOUR: number = 20;

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

  /** Balance (cents) a user library costs at creation and at each renewal (0: free). */
  @IsInt()
  @Min(0)
  LIBRARY_PRICE_CENTS: number = 1000;

  /** Days a user library runs from its creation, and each renewal adds. */
  @IsInt()
  @Min(1)
  LIBRARY_DAYS: number = 30;

  /** Days before its expiry from which a user library may be renewed (1073 earlier). */
  @IsInt()
  @Min(0)
  LIBRARY_RENEW_WINDOW_DAYS: number = 7;

  /** Days after its expiry during which a user library may still be renewed (1073 later). */
  @IsInt()
  @Min(0)
  LIBRARY_GRACE_DAYS: number = 7;

  /** How often each process adds the open-API calls it counted to the usage table, in milliseconds. */
  @IsInt()
  @Min(10)
  OPEN_USAGE_FLUSH_MS: number = 10_000;

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

  /**
   * Seconds an upload's body may take to arrive (1017 and the connection closed beyond). Every
   * other request's whole body gets the same bound, plus a little, from the HTTP server itself.
   */
  @IsInt()
  @Min(1)
  UPLOAD_TIMEOUT_SECONDS: number = 120;

  /**
   * The app's id at QQ Connect (connect.qq.com). Unset: QQ binding and login are off, their routes
   * answer 1077 and readiness leaves QQ out.
   */
  @IsOptional()
  @Matches(/^[0-9A-Za-z_-]{1,64}$/, { message: 'must be the APP ID QQ Connect gave the app' })
  QQ_APP_ID?: string;

  /** The app's key at QQ Connect (APP Key); required with QQ_APP_ID. */
  @ValidateIf((config: AppConfig) => config.QQ_APP_ID !== undefined)
  @IsDefined({ message: 'is required with QQ_APP_ID' })
  @IsString()
  QQ_APP_KEY?: string;

  /** Where QQ sends people back, as registered at QQ Connect; default PUBLIC_URL/qq-callback (the page). */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  QQ_REDIRECT_URI?: string;

  /** QQ Connect's host; tests point it at a local server. */
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  QQ_CONNECT_BASE: string = 'https://graph.qq.com';

  /** Milliseconds each call to QQ Connect may take, answer included (996 beyond). */
  @IsInt()
  @Min(100)
  @Max(60_000)
  QQ_TIMEOUT_MS: number = 5000;

  get dataDir(): string {
    return path.resolve(this.DATA_DIR);
  }

  get storageDir(): string {
    return path.resolve(this.STORAGE_DIR ?? path.join(this.DATA_DIR, 'storage'));
  }

  /** TRUST_PROXY as Fastify's `trustProxy`: nothing, the listed proxies, or the first `n` hops. */
  get trustProxy(): false | string[] | ((address: string, hop: number) => boolean) {
    const trusted = this.TRUST_PROXY;
    return typeof trusted === 'number' ? (_address, hop) => hop < trusted : trusted;
  }

  get qqRedirectUri(): string {
    return this.QQ_REDIRECT_URI ?? `${this.PUBLIC_URL.replace(/\/$/, '')}/qq-callback`;
  }

  /** Whether the process keeps metrics at all: only when something may read them. */
  get metricsEnabled(): boolean {
    return this.METRICS_PORT !== undefined || this.METRICS_TOKEN !== undefined;
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
    Object.values(error.constraints ?? {}).map((message) => `${error.property}: ${message.replace(`${error.property} `, '')}`),
  );
}

/** Reads and validates the environment; throws ConfigError with one line per problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const present = Object.fromEntries(Object.entries(env).filter(([key, value]) => known.includes(key) && value !== ''));
  const config = plainToInstance(AppConfig, present, { enableImplicitConversion: true });
  const problems = describe(validateSync(config, { forbidUnknownValues: false }));
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
