import { DynamicModule, Global, Module } from '@nestjs/common';

import { DATABASE_URL, PrismaService } from './prisma.service';
import { ReplicaReads } from './replica-reads';

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [{ provide: DATABASE_URL, useValue: databaseUrl }, PrismaService, ReplicaReads],
      exports: [PrismaService, DATABASE_URL, ReplicaReads],
    };
  }
}
