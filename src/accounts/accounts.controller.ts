import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';

import { Access } from '../auth/access.decorators';
import { ApiData } from '../core/http/envelope';
import { localeOf } from '../core/http/locale';
import { EmailDto, PasswordResetDto, RegisterDto, RegisteredDto, TokenDto, VerifiedDto } from './dto/register.dto';
import { PasswordResetService } from './password-reset.service';
import { RegistrationService } from './registration.service';
import { VerificationService } from './verification.service';

@ApiTags('accounts')
@Controller('accounts')
export class AccountsController {
  constructor(
    private readonly registration: RegistrationService,
    private readonly verification: VerificationService,
    private readonly passwordReset: PasswordResetService,
  ) {}

  @Post('register')
  @Access({ caller: 'app', scope: 'accounts' })
  @ApiOperation({
    summary:
      'Sign up: a pending account and a mailed verification link; a taken username is 1020, a taken email answers alike and its owner gets a notice',
  })
  @ApiData(RegisteredDto, 201)
  @ApiHeader({ name: 'Accept-Language', required: false, description: 'the language of the mail: zh (default) or en' })
  register(@Body() body: RegisterDto, @Req() request: FastifyRequest): Promise<RegisteredDto> {
    // Read from the request rather than @Headers(), which would document the header as required.
    return this.registration.register(body, localeOf(request.headers['accept-language']), request.ip);
  }

  @Post('verify')
  @Access({ caller: 'public' })
  @HttpCode(200)
  @ApiOperation({ summary: 'Use a verification link (the button of the /verify page)' })
  @ApiData(VerifiedDto)
  verify(@Body() body: TokenDto): Promise<VerifiedDto> {
    return this.verification.confirm(body.token);
  }

  @Post('verification/resend')
  @Access({ caller: 'app', scope: 'accounts' })
  @HttpCode(200)
  @ApiOperation({ summary: 'Mail a fresh link to a pending account; the same answer whether or not it exists' })
  @ApiData(null)
  resend(@Body() body: EmailDto): null {
    this.verification.resend(body.email);
    return null;
  }

  @Post('password/forgot')
  @Access({ caller: 'app', scope: 'accounts' })
  @HttpCode(200)
  @ApiOperation({ summary: 'Mail a 6-digit reset code; the same answer whether or not the address exists' })
  @ApiData(null)
  forgot(@Body() body: EmailDto): null {
    this.passwordReset.requestCode(body.email);
    return null;
  }

  @Post('password/reset')
  @Access({ caller: 'app', scope: 'accounts' })
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Set a new password with the mailed code; ends every session. 1034 for any code that does not work, 1075 past the tries of the account',
  })
  @ApiData(null)
  async reset(@Body() body: PasswordResetDto, @Req() request: FastifyRequest): Promise<null> {
    await this.passwordReset.reset(body, request.ip);
    return null;
  }
}
