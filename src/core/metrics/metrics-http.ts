import { timingSafeEqual } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { FastifyInstance } from 'fastify';

import { AppConfig } from '../config/app-config';
import { sha256 } from '../crypto/tokens';
import { ErrorCode } from '../errors/catalogue';
import { DomainError } from '../errors/domain-error';
import { errorEnvelope } from '../errors/error-response';
import { Metrics } from './metrics';

export const METRICS_PATH = '/metrics';

/** Whether the request carries `Authorization: Bearer <METRICS_TOKEN>` (compared in constant time); true when no token is set. */
export function holdsMetricsToken(config: Pick<AppConfig, 'METRICS_TOKEN'>, headers: IncomingHttpHeaders): boolean {
  const expected = config.METRICS_TOKEN;
  if (expected === undefined) return true;
  const presented = /^Bearer\s+(\S+)$/i.exec(String(headers.authorization ?? ''))?.[1];
  return presented !== undefined && timingSafeEqual(sha256(presented), sha256(expected));
}

const notFound = (requestId: string): string => JSON.stringify(errorEnvelope(new DomainError(ErrorCode.ROUTE_NOT_FOUND), requestId, 'en'));

/** The catalogue code each failed request was answered with, kept for the request's count. */
const failureCodes = new WeakMap<object, number>();

/** Notes that `request` is answered with catalogue `code` (the error filter and the framework's own refusals call it). */
export function noteFailure(request: object, code: number): void {
  failureCodes.set(request, code);
}

/**
 * Times every request and counts it by route template, method and status. A request no route
 * matched counts under `unmatched` (never its URL: a scanner would make a series per path), and
 * scrapes are left out of the figures they report.
 */
export function recordRequests(instance: FastifyInstance, metrics: Metrics): void {
  if (!metrics.enabled) return;
  instance.addHook('onResponse', (request, reply, done) => {
    const template = request.routeOptions.url;
    if (template !== METRICS_PATH) {
      const route = template ?? 'unmatched';
      metrics.http.requests.inc({ route, method: request.method, status: reply.statusCode });
      metrics.http.duration.observe({ route, method: request.method }, reply.elapsedTime / 1000);
      const code = failureCodes.get(request);
      if (code !== undefined) metrics.http.failures.inc({ code });
    }
    done();
  });
}

/**
 * GET /metrics on the public port, for the holder of METRICS_TOKEN only: anyone else gets the
 * answer of a path that does not exist (1003), so the route tells a scanner nothing. Not mounted
 * when METRICS_PORT serves the metrics instead, or when METRICS_TOKEN is unset.
 */
export function serveMetricsOnPublicPort(instance: FastifyInstance, config: AppConfig, metrics: Metrics): void {
  if (config.METRICS_PORT !== undefined || config.METRICS_TOKEN === undefined) return;
  instance.get(METRICS_PATH, async (request, reply) => {
    if (!holdsMetricsToken(config, request.headers)) {
      return reply.code(404).type('application/json; charset=utf-8').send(notFound(request.id));
    }
    return reply.type(metrics.registry.contentType).send(await metrics.scrape());
  });
}

/**
 * A plain HTTP server answering GET /metrics with `scrape()` (asking for METRICS_TOKEN too when it
 * is set), for METRICS_PORT: in the serving process, or in a cluster's primary for the whole group.
 */
export async function listenForScrapes(
  config: Pick<AppConfig, 'METRICS_PORT' | 'METRICS_HOST' | 'METRICS_TOKEN'>,
  scrape: () => Promise<string>,
  contentType: string,
  onError: (error: Error) => void,
): Promise<Server> {
  const server = createServer((request, response) => {
    const path = request.url?.split('?')[0];
    if (request.method !== 'GET' || path !== METRICS_PATH || !holdsMetricsToken(config, request.headers)) {
      response.writeHead(404, { 'content-type': 'application/json; charset=utf-8' }).end(notFound(''));
      return;
    }
    scrape().then(
      (text) => response.writeHead(200, { 'content-type': contentType }).end(text),
      (error: Error) => {
        onError(error);
        response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics could not be collected\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.METRICS_PORT, config.METRICS_HOST, () => resolve());
  });
  return server;
}

/** The port a scrape server listens on (METRICS_PORT, or the one the system picked for 0). */
export const portOf = (server: Server): number => (server.address() as AddressInfo).port;
