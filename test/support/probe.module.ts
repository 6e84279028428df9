import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { IsDefined, IsEmail, IsOptional, IsString, Length } from 'class-validator';
import { PrismaService } from '../../src/core/database/prisma.service';
import { ErrorCode } from '../../src/core/errors/catalogue';
import { DomainError } from '../../src/core/errors/domain-error';
import { failsWith } from '../../src/core/errors/validation';
import { CallerApp, CurrentApp, Signed } from '../../src/signing/signed.decorator';
import { Public } from '../../src/auth/access.decorators';

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
@Public()
@Controller('probe')
class ProbeController {
  constructor(private readonly prisma: PrismaService) {}

  @Get('domain')
  domain(): never {
    throw new DomainError(ErrorCode.IDENTITY_TAKEN, 'email already bound to another user');
  }

  @Get('limited')
  limited(): never {
    throw new DomainError(ErrorCode.RATE_LIMITED, undefined, { headers: { 'retry-after': '7' } });
  }

  @Post('validate')
  validate(@Body() dto: ProbeSignUpDto): ProbeSignUpDto {
    return dto;
  }

  @Post('echo')
  echo(@Body() body: unknown): unknown {
    return body;
  }

  @Post('duplicate-app')
  async duplicateApp(): Promise<never> {
    await this.prisma.app.create({ data: { appId: 'web', name: 'second web' } });
    throw new Error('unreachable: app_id is unique');
  }

  @Post('signed-echo')
  @Signed('probe')
  signedEcho(@Body() body: unknown, @CurrentApp() app: CallerApp): unknown {
    return { app: app.appId, body };
  }

  @Post('out-of-range')
  async outOfRange(): Promise<never> {
    // A value no check upstream refused, which PostgreSQL refuses itself (SQLSTATE 22003).
    await this.prisma.$executeRaw`UPDATE "groups" SET "rank" = ${2 ** 40}::bigint WHERE "name" = 'member'`;
    throw new Error('unreachable: rank is an INTEGER column');
  }

  @Get('crash')
  crash(): never {
    throw new Error('internal detail: password=hunter2');
  }

  @Get('groups')
  async groups(): Promise<{ count: number }> {
    return { count: await this.prisma.group.count() };
  }
}

@Module({ controllers: [ProbeController] })
export class ProbeModule {}
