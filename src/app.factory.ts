import fastifyMultipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule, AppModuleOptions } from './app.module';
import { createLogger, NestPinoLogger, RequestLogController } from './core/http/logging';
import { guardRequests, protocolErrorOptions } from './core/http/protocol-errors';
import { requestIdOf } from './core/http/request-id';
import { securityHeaders } from './core/http/security-headers';

export const API_PREFIX = 'api/v1';

/** Paths served outside /api/v1: the verification page and the legacy gateway. */
const UNPREFIXED = ['verify', 'verify/script.js', 'api.php'];

function setUpOpenApi(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Platform API')
      .setDescription('Users, apps, sessions, points, files and the developer open API.')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: '<uuid>.<ukey>' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json', useGlobalPrefix: false });
}

/**
 * Builds the application exactly as production runs it; main.ts listens on it, the e2e suites
 * too (on a random port). Nothing here connects to the database yet.
 */
export async function createApp(options: AppModuleOptions): Promise<NestFastifyApplication> {
  const { config } = options;
  const logger = createLogger(config);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    logController: new RequestLogController(),
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    genReqId: requestIdOf,
    forceCloseConnections: 'idle',
    ...protocolErrorOptions(),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options), adapter, {
    logger: new NestPinoLogger(logger),
    rawBody: true, // signatures cover the body's exact bytes
  });

  // Uploads (POST /files): one file of at most FILE_MAX_BYTES beside a few small fields. A file
  // over the limit is cut short and flagged (truncated) rather than thrown, so the service can read
  // the form to its end and answer 1046 cleanly.
  await app.register(fastifyMultipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: config.FILE_MAX_BYTES, files: 1, fields: 10, fieldSize: 1024, parts: 12 },
  });

  const headers = securityHeaders();
  adapter.getInstance().addHook('onRequest', (request, reply, done) => {
    reply.headers(headers).header('x-request-id', request.id);
    done();
  });
  guardRequests(adapter.getInstance());
  if (config.CORS_ORIGINS.length > 0) {
    app.enableCors({ origin: config.CORS_ORIGINS, exposedHeaders: ['X-Request-Id', 'Retry-After'] });
  }
  app.setGlobalPrefix(API_PREFIX, { exclude: UNPREFIXED });
  setUpOpenApi(app);
  return app;
}
