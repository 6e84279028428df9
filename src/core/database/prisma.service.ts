import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool, PoolConfig } from 'pg';

import { PrismaClient } from '../../generated/prisma/client';
import { AppConfig } from '../config/app-config';
import { Metrics } from '../metrics/metrics';
import { measurePool } from './statement-timing';

export const DATABASE_URL = Symbol('DATABASE_URL');

/** How long the client waits for a server that stopped answering, beyond the server's own statement timeout. */
const CLIENT_GRACE_MS = 1000;

/**
 * Every bound a pooled connection runs under, so no request waits on the database without end:
 * a free connection (or a new one) within DATABASE_CONNECT_TIMEOUT_MS, each statement cancelled by
 * PostgreSQL after DATABASE_STATEMENT_TIMEOUT_MS (lock waits after DATABASE_LOCK_TIMEOUT_MS), and
 * given up by the client a moment later when the server does not answer at all. All of them end
 * the request with 1007 (see database-errors.ts).
 */
function poolTimeouts(config: AppConfig): PoolConfig {
  return {
    max: config.DATABASE_POOL_SIZE,
    connectionTimeoutMillis: config.DATABASE_CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    statement_timeout: config.DATABASE_STATEMENT_TIMEOUT_MS,
    ...(config.DATABASE_LOCK_TIMEOUT_MS > 0 ? { lock_timeout: config.DATABASE_LOCK_TIMEOUT_MS } : {}),
    query_timeout: config.DATABASE_STATEMENT_TIMEOUT_MS + CLIENT_GRACE_MS,
  };
}

/** The one Prisma client of the process, over a node-postgres pool. */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  private readonly pool: Pool;

  constructor(@Inject(DATABASE_URL) databaseUrl: string, config: AppConfig, metrics: Metrics) {
    const pool = new Pool({ connectionString: databaseUrl, ...poolTimeouts(config) });
    measurePool(pool, metrics);
    // A connection dropped while idle (a database restart) must not take the process down.
    pool.on('error', (error) => new Logger(PrismaService.name).warn(`idle database connection lost: ${error.message}`));
    super({ adapter: new PrismaPg(pool) });
    this.pool = pool;
  }

  /**
   * One statement straight on the pool Prisma runs over, for the few reads on every request
   * (Prisma's raw-query pipeline costs as much CPU as the query itself). Values come back as
   * node-postgres parses them: int8 as a string.
   */
  async hotQuery<T>(text: string, values: unknown[]): Promise<T[]> {
    return (await this.pool.query(text, values)).rows as T[];
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
    await this.pool.end();
  }
}
