import fastifyMultipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, getSchemaPath, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { DestinationStream } from 'pino';

import { AppModule, AppModuleOptions } from './app.module';
import { API_PREFIX } from './core/http/api-prefix';
import { ErrorResponseDto } from './core/http/envelope';
import { createLogger, NestPinoLogger, RequestLogController } from './core/http/logging';
import { guardRequests, protocolErrorOptions } from './core/http/protocol-errors';
import { assignedRequestId, runRequestsInContext } from './core/http/request-context';
import { securityHeaders } from './core/http/security-headers';
import { closesConnection } from './core/http/unread-body';
import { Metrics } from './core/metrics/metrics';
import { recordRequests, serveMetricsOnPublicPort } from './core/metrics/metrics-http';
import { hashRequestBodies } from './signing/body-digest';

export { API_PREFIX };

/** How much longer than an upload's deadline the server waits for any request's whole body. */
const REQUEST_TIMEOUT_MARGIN_SECONDS = 10;

/** Paths served outside /api/v1: the verification page, QQ's callback page and the legacy gateway. */
const UNPREFIXED = ['verify', 'verify/script.js', 'qq-callback', 'qq-callback/script.js', 'api.php'];

/**
 * The OpenAPI document of the app's routes, as /docs serves it and `npm run openapi` writes it to
 * openapi/openapi.json. Every operation answers failures with the error envelope.
 */
export function openApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Platform API')
      .setDescription('Users, apps, sessions, points, files and the developer open API.')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: '<uuid>.<ukey>' })
      .build(),
    { extraModels: [ErrorResponseDto] },
  );
  const failure = {
    description: 'a code of the error catalogue',
    content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorResponseDto) } } },
  };
  for (const operations of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = operations[method];
      if (operation) operation.responses = { ...operation.responses, default: failure };
    }
  }
  return document;
}

function setUpOpenApi(app: NestFastifyApplication): void {
  SwaggerModule.setup('docs', app, openApiDocument(app), { jsonDocumentUrl: 'docs/json', useGlobalPrefix: false });
}

/**
 * Builds the application exactly as production runs it; main.ts listens on it, the e2e suites
 * too (on a random port). Nothing here connects to the database yet.
 */
export async function createApp(options: AppModuleOptions & { logDestination?: DestinationStream }): Promise<NestFastifyApplication> {
  const { config } = options;
  const logger = createLogger(config, options.logDestination);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    logController: new RequestLogController(),
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.trustProxy,
    genReqId: assignedRequestId,
    forceCloseConnections: 'idle',
    ...protocolErrorOptions(),
    keepAliveTimeout: config.KEEP_ALIVE_TIMEOUT_SECONDS * 1000,
    // Receiving any whole request: an upload's own deadline answers first (1017); this catches the rest.
    requestTimeout: (config.UPLOAD_TIMEOUT_SECONDS + REQUEST_TIMEOUT_MARGIN_SECONDS) * 1000,
  });
  // Signatures cover the body's exact bytes, of every content type, hashed as they stream in.
  hashRequestBodies(adapter.getInstance().server);
  // Every log line written while serving a request names it (after the body hashing: it wraps every listener).
  if (config.LOG_REQUEST_CONTEXT) runRequestsInContext(adapter.getInstance().server);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options), adapter, {
    logger: new NestPinoLogger(logger),
  });

  // Uploads (POST /files): one file beside a few small fields. The service counts the file's bytes
  // as they arrive and refuses it the moment it passes FILE_MAX_BYTES; busboy's own limit, one byte
  // later, is only a backstop.
  await app.register(fastifyMultipart, {
    limits: { fileSize: config.FILE_MAX_BYTES + 1, files: 1, fields: 10, fieldSize: 1024, parts: 12 },
  });
  adapter.getInstance().addHook('onSend', (request, reply, payload, done) => {
    if (closesConnection(request.raw)) reply.header('connection', 'close');
    done(null, payload);
  });

  const headers = securityHeaders();
  adapter.getInstance().addHook('onRequest', (request, reply, done) => {
    reply.headers(headers).header('x-request-id', request.id);
    done();
  });
  guardRequests(adapter.getInstance());
  const metrics = app.get(Metrics);
  recordRequests(adapter.getInstance(), metrics);
  serveMetricsOnPublicPort(adapter.getInstance(), config, metrics);
  if (config.CORS_ORIGINS.length > 0) {
    app.enableCors({ origin: config.CORS_ORIGINS, exposedHeaders: ['X-Request-Id', 'Retry-After'] });
  }
  app.setGlobalPrefix(API_PREFIX, { exclude: UNPREFIXED });
  setUpOpenApi(app);
  return app;
}
