import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

import { trace } from '@opentelemetry/api';

import { requestIdOf } from './request-id';

interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();
const ASSIGNED_ID = Symbol('requestId');

type Listener = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * Runs each request's handling inside an AsyncLocalStorage holding its id, so that whatever logs
 * during the request (a service, the database layer, the error filter) says which request it
 * served, without a logger handed down. The id is fixed here, before Fastify sees the request,
 * and Fastify takes the same one (see `assignedRequestId`).
 */
export function runRequestsInContext(server: Server): void {
  const listeners = server.listeners('request') as Listener[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage & { [ASSIGNED_ID]?: string }, response: ServerResponse) => {
    const requestId = requestIdOf(request);
    request[ASSIGNED_ID] = requestId;
    storage.run({ requestId }, () => {
      for (const listener of listeners) listener.call(server, request, response);
    });
  });
}

/** Fastify's `genReqId`: the id the request context chose, or (context off) one of its own. */
export function assignedRequestId(request: IncomingMessage & { [ASSIGNED_ID]?: string }): string {
  return request[ASSIGNED_ID] ?? requestIdOf(request);
}

/**
 * Fields of the current request added to every log line (pino's `mixin`): its id, and the trace
 * and span ids when OpenTelemetry traces it. Nothing outside a request.
 */
export function requestLogFields(): Record<string, string> {
  const span = trace.getActiveSpan();
  const requestId = storage.getStore()?.requestId;
  if (!span) return requestId ? { requestId } : {};
  const { traceId, spanId } = span.spanContext();
  return requestId ? { requestId, traceId, spanId } : { traceId, spanId };
}
