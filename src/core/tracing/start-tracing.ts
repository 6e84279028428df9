// Imported first by main.ts, before any module OpenTelemetry instruments (http, fastify, pg,
// ioredis) is loaded: instrumentations patch a module as it is required.
import { startTracing } from './tracing';

startTracing();
