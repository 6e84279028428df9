// Imported first by main.ts, before any module OpenTelemetry instruments (http, fastify, pg,
// ioredis) is loaded: instrumentations patch a module as it is required. The SDK itself (about
// 11 MB of heap that every full garbage collection would mark) is loaded only when tracing is
// requested, hence a require here rather than an import.
import { tracingRequested } from './tracing-requested';

type Tracing = typeof import('./tracing');

// eslint-disable-next-line @typescript-eslint/no-require-imports
const tracing: Tracing | undefined = tracingRequested(process.env) ? (require('./tracing') as Tracing) : undefined;
tracing?.startTracing();

/** Sends the spans still buffered, on shutdown (nothing when tracing is off). */
export function stopTracing(): Promise<void> {
  return tracing?.stopTracing() ?? Promise.resolve();
}
