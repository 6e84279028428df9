import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';

import { AccountsModule } from './accounts/accounts.module';
import { AdminModule } from './admin/admin.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CaptchaModule } from './captcha/captcha.module';
import { CacheModule } from './core/cache/cache.module';
import { AppConfig } from './core/config/app-config';
import { ConfigModule } from './core/config/config.module';
import { CryptoModule } from './core/crypto/crypto.module';
import { DatabaseModule } from './core/database/database.module';
import { AllExceptionsFilter } from './core/errors/all-exceptions.filter';
import { createValidationPipe } from './core/errors/validation';
import { EnvelopeInterceptor } from './core/http/envelope.interceptor';
import { MetricsModule } from './core/metrics/metrics.module';
import { RateLimitModule } from './core/rate-limit/rate-limit.module';
import { RedisModule } from './core/redis/redis.module';
import { ScheduleModule } from './core/schedule/schedule.module';
import { TemplatesModule } from './core/templates/templates.module';
import { DeveloperModule } from './developer/developer.module';
import { FilesModule } from './files/files.module';
import { GroupsModule } from './groups/groups.module';
import { HealthModule } from './health/health.module';
import { LegacyModule } from './legacy/legacy.module';
import { MailModule } from './mail/mail.module';
import { MessagesModule } from './messages/messages.module';
import { OpenApiModule } from './open-api/open-api.module';
import { PointsModule } from './points/points.module';
import { QqModule } from './qq/qq.module';
import { ReportsModule } from './reports/reports.module';
import { SigningModule } from './signing/signing.module';
import { TutorialsModule } from './tutorials/tutorials.module';
import { UsersModule } from './users/users.module';

export interface AppModuleOptions {
  config: AppConfig;
  /** The database actually used (DATABASE_URL, or the embedded server's). */
  databaseUrl: string;
  /** Further modules mounted beside the features (e2e suites add probe controllers). */
  imports?: ModuleMetadata['imports'];
}

@Module({})
export class AppModule {
  static forRoot({ config, databaseUrl, imports = [] }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        MetricsModule,
        DatabaseModule.forRoot(databaseUrl),
        ScheduleModule,
        RedisModule,
        CacheModule,
        CryptoModule,
        RateLimitModule,
        TemplatesModule,
        MailModule,
        AuditModule,
        HealthModule,
        SigningModule,
        AuthModule,
        GroupsModule,
        CaptchaModule,
        AccountsModule,
        UsersModule,
        PointsModule,
        MessagesModule,
        TutorialsModule,
        FilesModule,
        DeveloperModule,
        OpenApiModule,
        AdminModule,
        QqModule,
        ReportsModule,
        LegacyModule,
        ...imports,
      ],
      providers: [
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_INTERCEPTOR, useClass: EnvelopeInterceptor },
      ],
    };
  }
}
