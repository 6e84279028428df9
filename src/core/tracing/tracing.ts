import FastifyOtelInstrumentation from '@fastify/otel';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';

/**
 * Tracing is off unless an exporter is named: the SDK's own default (OTLP when the variable is
 * unset) would otherwise send spans to a collector nobody configured. OTEL_SDK_DISABLED=true
 * turns it off whatever else is set. These are the SDK's standard variables, read by it, which
 * is why they are not part of AppConfig: tracing starts before anything else is loaded.
 */
export function tracingRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  if ((env.OTEL_SDK_DISABLED ?? '').trim().toLowerCase() === 'true') return false;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  return exporters.length > 0 && !exporters.includes('none');
}

let sdk: NodeSDK | undefined;

/**
 * Starts OpenTelemetry's Node SDK when tracing is requested: a span for each request (HTTP, then
 * Fastify's hooks, the guard and the handler), each SQL statement (pg, under Prisma too) and each
 * Redis command (ioredis). Must run before those modules are loaded: main.ts imports
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
      new FastifyOtelInstrumentation({ registerOnInitialization: true }),
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
