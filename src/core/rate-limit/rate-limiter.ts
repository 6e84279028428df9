import { createHash } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';

import { PrismaService } from '../database/prisma.service';
import { ErrorCode } from '../errors/catalogue';
import { DomainError } from '../errors/domain-error';
import { LimiterName, Metrics } from '../metrics/metrics';
import { inStore, REDIS, RedisClient } from '../redis/redis.module';
import { countHit, sweepCounters } from './rate-limit.sql';

export interface RateLimitWindow {
  /** Which limit this is, as the metrics count its refusals. */
  limiter: LimiterName;
  /** Most events a key may have in one window; 0 means unlimited. */
  limit: number;
  windowSeconds: number;
}

export interface RateLimitState {
  count: number;
  /** Seconds until the current window ends. */
  resetInSeconds: number;
}

/**
 * Fixed-window counters shared by every process (PostgreSQL, or Redis when configured), so a
 * limit holds however many processes serve.
 */
export abstract class RateLimiter {
  constructor(private readonly metrics: Metrics) {}

  /** Counts one event for `key` and returns the window's count including it. */
  hit(key: string, windowSeconds: number): Promise<RateLimitState> {
    return this.count(storedKey(key), windowSeconds);
  }

  /** The window's count without adding to it. */
  peek(key: string, windowSeconds: number): Promise<RateLimitState> {
    return this.read(storedKey(key), windowSeconds);
  }

  /** Forgets the key's current window (e.g. after a successful login). */
  reset(key: string, windowSeconds: number): Promise<void> {
    return this.forget(storedKey(key), windowSeconds);
  }

  protected abstract count(key: string, windowSeconds: number): Promise<RateLimitState>;
  protected abstract read(key: string, windowSeconds: number): Promise<RateLimitState>;
  protected abstract forget(key: string, windowSeconds: number): Promise<void>;

  /** Counts one event and throws 1075 with Retry-After once the window's limit is passed. */
  async consume(key: string, window: RateLimitWindow): Promise<void> {
    if (window.limit <= 0) return;
    const state = await this.hit(key, window.windowSeconds);
    if (state.count > window.limit) throw this.refuse(window.limiter, state);
  }

  /** Throws 1075 when the key has already reached the limit, without counting. */
  async assertUnder(key: string, window: RateLimitWindow): Promise<void> {
    if (window.limit <= 0) return;
    const state = await this.peek(key, window.windowSeconds);
    if (state.count >= window.limit) throw this.refuse(window.limiter, state);
  }

  /** The 1075 of a limit passed (with Retry-After), counted as a refusal of `limiter`. */
  refuse(limiter: LimiterName, state: RateLimitState): DomainError {
    this.metrics.limits.refusals.inc({ limiter });
    return tooManyRequests(state);
  }
}

/**
 * Keys hold what callers count by (an account name, an address) and may be long; the stored
 * key is capped (rate_limit_counters.key is VARCHAR(200)): a long one keeps its start and ends
 * in the SHA-256 of the whole.
 */
const MAX_KEY = 120;
function storedKey(key: string): string {
  return key.length <= MAX_KEY ? key : `${key.slice(0, MAX_KEY - 65)}#${createHash('sha256').update(key).digest('hex')}`;
}

function tooManyRequests(state: RateLimitState): DomainError {
  const retryAfter = String(Math.max(1, state.resetInSeconds));
  return new DomainError(ErrorCode.RATE_LIMITED, `retry in ${retryAfter} s`, { headers: { 'retry-after': retryAfter } });
}

function currentWindow(windowSeconds: number): { index: number; resetInSeconds: number } {
  const nowSeconds = Date.now() / 1000;
  const index = Math.floor(nowSeconds / windowSeconds);
  return { index, resetInSeconds: Math.ceil((index + 1) * windowSeconds - nowSeconds) };
}

/** PostgreSQL: one row per key and window, counted by an atomic upsert; old windows swept (a periodic job, see RateLimitModule). */
@Injectable()
export class PostgresRateLimiter extends RateLimiter {
  constructor(
    private readonly prisma: PrismaService,
    metrics = new Metrics(false),
  ) {
    super(metrics);
  }

  protected async count(key: string, windowSeconds: number): Promise<RateLimitState> {
    const { index, resetInSeconds } = currentWindow(windowSeconds);
    const expiresAt = new Date((index + 1) * windowSeconds * 1000);
    return { count: await countHit(this.prisma, key, index, expiresAt), resetInSeconds };
  }

  protected async read(key: string, windowSeconds: number): Promise<RateLimitState> {
    const { index, resetInSeconds } = currentWindow(windowSeconds);
    const row = await this.prisma.rateLimitCounter.findUnique({ where: { key_window: { key, window: index } } });
    return { count: row?.count ?? 0, resetInSeconds };
  }

  protected async forget(key: string, windowSeconds: number): Promise<void> {
    const { index } = currentWindow(windowSeconds);
    await this.prisma.rateLimitCounter.deleteMany({ where: { key, window: index } });
  }

  sweep(): Promise<number> {
    return sweepCounters(this.prisma);
  }
}

/** Redis: INCR on a key per window that expires with it. Redis unusable: 995 (see inStore). */
@Injectable()
export class RedisRateLimiter extends RateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: NonNullable<RedisClient>,
    metrics = new Metrics(false),
  ) {
    super(metrics);
  }

  private keyOf(key: string, index: number): string {
    return `ratelimit:${key}:${index}`;
  }

  protected count(key: string, windowSeconds: number): Promise<RateLimitState> {
    const { index, resetInSeconds } = currentWindow(windowSeconds);
    return inStore(async () => {
      const results = await this.redis
        .multi()
        .incr(this.keyOf(key, index))
        .expire(this.keyOf(key, index), windowSeconds + 1)
        .exec();
      const [error, count] = results![0];
      if (error) throw error;
      return { count: Number(count), resetInSeconds };
    });
  }

  protected read(key: string, windowSeconds: number): Promise<RateLimitState> {
    const { index, resetInSeconds } = currentWindow(windowSeconds);
    return inStore(async () => ({ count: Number((await this.redis.get(this.keyOf(key, index))) ?? 0), resetInSeconds }));
  }

  protected forget(key: string, windowSeconds: number): Promise<void> {
    return inStore(async () => void (await this.redis.del(this.keyOf(key, currentWindow(windowSeconds).index))));
  }
}
