import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { IsDefined, IsEmail, IsOptional, IsString, Length } from 'class-validator';

import { Access, CurrentApp } from '../../src/auth/access.decorators';
import { CallerApp } from '../../src/auth/caller';
import { PrismaService } from '../../src/core/database/prisma.service';
import { ErrorCode } from '../../src/core/errors/catalogue';
import { DomainError } from '../../src/core/errors/domain-error';
import { failsWith } from '../../src/core/errors/validation';

class ProbeSignUpDto {
  @IsDefined()
  @IsString(failsWith(ErrorCode.USERNAME_INVALID))
  @Length(4, 20, failsWith(ErrorCode.USERNAME_INVALID))
  username: string;

  @IsDefined()
  @IsEmail({}, failsWith(ErrorCode.EMAIL_INVALID))
  email: string;

  @IsOptional()
  @IsString()
  note?: string;
}

/** Routes that fail on purpose, so the suites can watch the global filter answer each kind. */
@Controller('probe')
class ProbeController {
  constructor(private readonly prisma: PrismaService) {}

  @Get('domain')
  @Access({ caller: 'public' })
  domain(): never {
    throw new DomainError(ErrorCode.IDENTITY_TAKEN, 'email already bound to another user');
  }

  @Get('limited')
  @Access({ caller: 'public' })
  limited(): never {
    throw new DomainError(ErrorCode.RATE_LIMITED, undefined, { headers: { 'retry-after': '7' } });
  }

  @Post('validate')
  @Access({ caller: 'public' })
  validate(@Body() dto: ProbeSignUpDto): ProbeSignUpDto {
    return dto;
  }

  @Post('echo')
  @Access({ caller: 'public' })
  echo(@Body() body: unknown): unknown {
    return body;
  }

  @Post('duplicate-app')
  @Access({ caller: 'public' })
  async duplicateApp(): Promise<never> {
    await this.prisma.app.create({ data: { appId: 'web', name: 'second web' } });
    throw new Error('unreachable: app_id is unique');
  }

  @Post('signed-echo')
  @Access({ caller: 'signed-app', scope: 'probe' })
  signedEcho(@Body() body: unknown, @CurrentApp() app: CallerApp): unknown {
    return { app: app.appId, body };
  }

  @Post('out-of-range')
  @Access({ caller: 'public' })
  async outOfRange(): Promise<never> {
    // A value no check upstream refused, which PostgreSQL refuses itself (SQLSTATE 22003).
    await this.prisma.$executeRaw`UPDATE "groups" SET "rank" = ${2 ** 40}::bigint WHERE "name" = 'member'`;
    throw new Error('unreachable: rank is an INTEGER column');
  }

  @Get('crash')
  @Access({ caller: 'public' })
  crash(): never {
    throw new Error('internal detail: password=hunter2');
  }

  @Get('groups')
  @Access({ caller: 'public' })
  async groups(): Promise<{ count: number }> {
    return { count: await this.prisma.group.count() };
  }
}

@Module({ controllers: [ProbeController] })
export class ProbeModule {}
