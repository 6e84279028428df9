import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { ModuleMetadata } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';

import { createApp } from '../../src/app.factory';
import { AppConfig, loadConfig } from '../../src/core/config/app-config';
import { PrismaService } from '../../src/core/database/prisma.service';
import { HttpClient } from './http-client';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  http: HttpClient;
  prisma: PrismaService;
  database: TestDatabase;
  /** Closes the app, drops its database and removes its data directory. */
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  imports?: ModuleMetadata['imports'];
  /** Use this database instead of a fresh one (the caller drops it). */
  databaseUrl?: string;
  /** Where the app's log lines go (stdout by default). */
  logDestination?: DestinationStream;
}

/** Above every port fetch refuses to connect to (the Fetch standard's "bad ports", the last 10080). */
const FIRST_PORT = 10_100;

/** Whether a local port can be listened on now. */
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** The lowest port the kernel gives outgoing connections (Linux's default where it cannot be read). */
function lowestEphemeralPort(): number {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
  } catch {
    return 32768;
  }
}

/**
 * A local port that is free now, for a server told its own address before it listens. It is
 * chosen below the ports the kernel gives outgoing connections: a port from listen(0) is one of
 * those, and any connection opened meanwhile (to PostgreSQL, Redis, another suite's server) could
 * take it before the server listens (seen as EADDRINUSE in CI).
 */
export async function freePort(): Promise<number> {
  const below = lowestEphemeralPort();
  for (let attempt = 0; attempt < 50 && below > FIRST_PORT + 1000; attempt++) {
    const port = FIRST_PORT + Math.floor(Math.random() * (below - FIRST_PORT));
    if (await canListen(port)) return port;
  }
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Boots the real application (same module, filter, pipes and hooks as production) on its own
 * database and data directory, listening on a free local port.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database: TestDatabase = options.databaseUrl
    ? { url: options.databaseUrl, name: '', drop: () => Promise.resolve() }
    : await createTestDatabase();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'platform-test-'));
  const port = await freePort();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATA_DIR: dataDir,
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: database.url,
    REDIS_URL: process.env.TEST_REDIS_URL,
    // Suites share the machine's Redis; each app keeps to keys of its own unless told otherwise.
    REDIS_KEY_PREFIX: `test:${path.basename(dataDir)}:`,
    ...options.env,
  });
  const app = await createApp({ config, databaseUrl: database.url, imports: options.imports, logDestination: options.logDestination });
  try {
    await app.listen({ port, host: '127.0.0.1' });
  } catch (error) {
    // A boot that fails in a module's init runs no shutdown hooks: close what did start.
    await app.close().catch(() => undefined);
    if (!options.databaseUrl) await database.drop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    app,
    config,
    http: new HttpClient(`http://127.0.0.1:${port}`),
    prisma: app.get(PrismaService),
    database,
    close: async () => {
      await app.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
