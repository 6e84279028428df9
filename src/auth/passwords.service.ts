import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';

import { AppConfig } from '../core/config/app-config';
import { randomToken } from '../core/crypto/tokens';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { Metrics } from '../core/metrics/metrics';
import { DataFile } from '../core/process/data-file';
import { BcryptPool, HashingBusy } from './bcrypt-pool';

/** bcrypt reads at most 72 bytes; a longer password would be silently cut. */
export const PASSWORD_MIN_BYTES = 8;
export const PASSWORD_MAX_BYTES = 72;

/** Password rules and hashing: bcrypt at BCRYPT_COST, never on the event loop. */
@Injectable()
export class PasswordsService implements OnModuleInit, OnModuleDestroy {
  /** Compared against when an account does not exist, so that both take the same time. */
  private dummyHash = '';
  /**
   * bcrypt runs in a process of its own at the lowest priority, not on this process's libuv pool
   * (which DNS, files and the database driver's password handshake share), so a login storm
   * neither queues that work nor takes the cores from the event loop or from PostgreSQL.
   */
  private readonly pool: BcryptPool;
  /** OWASP ASVS 5.0 6.2.4: the most common passwords are refused (COMMON_PASSWORDS_FILE, from zxcvbn-ts' ranked list). */
  private readonly common: DataFile;

  constructor(
    private readonly config: AppConfig,
    metrics: Metrics,
  ) {
    this.pool = new BcryptPool(config.BCRYPT_CONCURRENCY, config.BCRYPT_MAX_WAIT_MS, metrics);
    this.common = DataFile.load(config.COMMON_PASSWORDS_FILE, (line) => line.toLowerCase());
  }

  /** For readiness: the common-password list was read at start-up (1008 otherwise). */
  checkData(): Promise<void> {
    return this.common.check();
  }

  async onModuleInit(): Promise<void> {
    this.dummyHash = await this.hash(randomToken());
  }

  onModuleDestroy(): Promise<void> {
    return this.pool.close();
  }

  /**
   * 1027 when the two differ, 1028 (saying why) when the password is too short, long or common;
   * 1008 while the common-password list is missing (a weak password is never let through for want of it).
   */
  assertAcceptable(password: string, confirmation: string): void {
    if (password !== confirmation) throw new DomainError(ErrorCode.PASSWORDS_DIFFER);
    const bytes = Buffer.byteLength(password, 'utf8');
    if (bytes < PASSWORD_MIN_BYTES || bytes > PASSWORD_MAX_BYTES) {
      throw new DomainError(ErrorCode.PASSWORD_INVALID, `password must be ${PASSWORD_MIN_BYTES}-${PASSWORD_MAX_BYTES} bytes`);
    }
    if (this.common.has(password.toLowerCase())) {
      throw new DomainError(ErrorCode.PASSWORD_INVALID, 'password is one of the most common passwords');
    }
  }

  /**
   * 1075 (with Retry-After) when a hash asked for now would wait longer than BCRYPT_MAX_WAIT_MS:
   * checked before a login's other work, so a refused login costs next to nothing.
   */
  admitHashing(): Promise<void> {
    return busyAsRateLimited(this.pool.admit());
  }

  hash(password: string): Promise<string> {
    return busyAsRateLimited(this.pool.hash(password, this.config.BCRYPT_COST));
  }

  /** Whether `password` matches `hash`; with no hash, spends the same time and answers false. */
  async matches(password: string, hash: string | undefined): Promise<boolean> {
    const same = await busyAsRateLimited(this.pool.compare(password, hash ?? this.dummyHash));
    return same && hash !== undefined;
  }
}

/** The pool's refusal as the catalogue's 1075, with when to retry. */
function busyAsRateLimited<T>(work: Promise<T>): Promise<T> {
  return work.catch((error: unknown) => {
    if (!(error instanceof HashingBusy)) throw error;
    const retryAfter = String(error.retryAfterSeconds);
    throw new DomainError(ErrorCode.RATE_LIMITED, `password checks are busy, retry in ${retryAfter} s`, {
      headers: { 'retry-after': retryAfter },
    });
  });
}
