import FastifyOtelInstrumentation from '@fastify/otel';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';

import { tracingRequested } from './tracing-requested';

let sdk: NodeSDK | undefined;

/**
 * Starts OpenTelemetry's Node SDK when tracing is requested: a span for each request (HTTP, then
 * Fastify's request and its handler, where Nest's guard, pipes and controller run), each SQL
 * statement (pg, under Prisma too) and each Redis command (ioredis). Fastify's hooks get no span
 * of their own: a span for each of them made tracing cost a cached read three times its CPU
 * instead of two; their time is the request span's less the handler's. Must run before those modules are loaded: main.ts imports
 * ./start-tracing first. Exporter, endpoint, sampler and service name come from the standard
 * OTEL_* variables; only traces are exported (metrics are Prometheus', see core/metrics).
 */
export function startTracing(env: NodeJS.ProcessEnv = process.env): boolean {
  if (sdk || !tracingRequested(env)) return sdk !== undefined;
  sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME ? undefined : 'platform',
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      // Scrapes are not traced: they would drown the requests.
      new HttpInstrumentation({ ignoreIncomingRequestHook: (request) => request.url === '/metrics' }),
      new FastifyOtelInstrumentation({ registerOnInitialization: true, instrumentHooks: false }),
      new PgInstrumentation({ requireParentSpan: true }),
      new IORedisInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
  return true;
}

/** Sends the spans still buffered, on shutdown. */
export async function stopTracing(): Promise<void> {
  await sdk?.shutdown();
  sdk = undefined;
}
