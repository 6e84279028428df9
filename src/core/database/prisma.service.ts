import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../generated/prisma/client';
import { AppConfig } from '../config/app-config';

export const DATABASE_URL = Symbol('DATABASE_URL');

/** The one Prisma client of the process, over a node-postgres pool. */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(@Inject(DATABASE_URL) databaseUrl: string, config: AppConfig) {
    super({
      adapter: new PrismaPg({
        connectionString: databaseUrl,
        max: config.DATABASE_POOL_SIZE,
        connectionTimeoutMillis: config.DATABASE_CONNECT_TIMEOUT_MS,
        idleTimeoutMillis: 30_000,
      }),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
