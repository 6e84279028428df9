import helmet from 'helmet';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule, AppModuleOptions } from './app.module';
import { requestIdOf } from './core/http/request-id';

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
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    genReqId: requestIdOf,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options), adapter, {
    bufferLogs: true,
    rawBody: true, // signatures cover the body's exact bytes
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();

  adapter.getInstance().addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // Security headers: helmet's middleware built once (the Fastify plugin rebuilds it per request).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  adapter.getInstance().addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined)));
  if (config.CORS_ORIGINS.length > 0) {
    app.enableCors({ origin: config.CORS_ORIGINS, exposedHeaders: ['X-Request-Id', 'Retry-After'] });
  }
  app.setGlobalPrefix(API_PREFIX, { exclude: UNPREFIXED });
  setUpOpenApi(app);
  return app;
}
