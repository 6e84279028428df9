import { ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { clientKey } from './client-key';
import { RateLimiter } from './rate-limiter';

const NOT_LIMITED = 'platform:not-limited-per-ip';

/**
 * The route is not counted against the per-IP request limit: the health probes. A load balancer
 * probes every replica from a few addresses, often shared with client traffic (a NAT, an ingress);
 * a 429 there would take healthy replicas out of service, and counting the probe would make
 * liveness depend on the limiter's store (Redis) being up. The probes are cheap to answer anyway
 * (readiness runs its checks at most once at a time and reuses the costly ones).
 */
export const NotLimitedPerIp = (): MethodDecorator & ClassDecorator => SetMetadata(NOT_LIMITED, true);

/**
 * RATE_LIMIT_PER_IP requests per RATE_LIMIT_WINDOW_SECONDS from one client (its IPv4 address, or
 * an IPv6 client's /64), in the shared limiter: 1075 with Retry-After past it. Every route that
 * takes requests counts here once per request, whatever decides who the caller is: the app check
 * for app and user routes, the caller guard for public ones.
 */
@Injectable()
export class ClientRequestLimit {
  private readonly counted = new WeakSet<object>();

  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
    private readonly config: AppConfig,
  ) {}

  /** Counts the request of a route unless the route is @NotLimitedPerIp(). */
  async admit(context: ExecutionContext): Promise<void> {
    if (this.reflector.getAllAndOverride<boolean>(NOT_LIMITED, [context.getHandler(), context.getClass()])) return;
    await this.count(context.switchToHttp().getRequest<FastifyRequest>());
  }

  /** Counts the request against its client's budget; a request already counted is not counted again. */
  async count(request: FastifyRequest): Promise<void> {
    if (this.counted.has(request)) return;
    this.counted.add(request);
    await this.limiter.consume(`ip:${clientKey(request.ip)}`, { limit: this.config.RATE_LIMIT_PER_IP, windowSeconds: this.config.RATE_LIMIT_WINDOW_SECONDS });
  }
}
