import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

import { AppConfig } from '../config/app-config';
import { clientKey } from './client-key';
import { RateLimiter } from './rate-limiter';

/**
 * RATE_LIMIT_PER_IP requests per RATE_LIMIT_WINDOW_SECONDS from one client (its IPv4 address, or
 * an IPv6 client's /64), in the shared limiter: 1075 with Retry-After past it. Every route counts
 * here once per request, whatever decides who the caller is: the signature verifier for app and
 * user routes, the access guard for public ones (but the health probes, see AccessRule).
 */
@Injectable()
export class ClientRequestLimit {
  private readonly counted = new WeakSet<object>();

  constructor(
    private readonly limiter: RateLimiter,
    private readonly config: AppConfig,
  ) {}

  /**
   * Takes `request` as counted already: a request the server makes to itself on behalf of one
   * it counted (the legacy gateway's dispatch) costs its client nothing more.
   */
  countedWith(request: object): void {
    this.counted.add(request);
  }

  /** Counts the request against its client's budget; a request already counted is not counted again. */
  async count(request: FastifyRequest): Promise<void> {
    if (this.counted.has(request)) return;
    this.counted.add(request);
    await this.limiter.consume(`ip:${clientKey(request.ip)}`, {
      limiter: 'ip',
      limit: this.config.RATE_LIMIT_PER_IP,
      windowSeconds: this.config.RATE_LIMIT_WINDOW_SECONDS,
    });
  }
}
