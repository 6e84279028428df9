import { Body, Controller, Get, HttpCode, Param, Patch, Post, Req, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';

import { EmailDto } from '../accounts/dto/register.dto';
import { Access, CurrentEndUserOf, CurrentOpenApp } from '../auth/access.decorators';
import { CallerOpenApp, CurrentEndUser } from '../auth/caller';
import { ApiData } from '../core/http/envelope';
import { localeOf } from '../core/http/locale';
import {
  ChangeEndUserPasswordDto,
  EndUserDto,
  EndUserLoginDto,
  EndUserSessionDto,
  PublicEndUserDto,
  RegisteredEndUserDto,
  RegisterEndUserDto,
  UpdateEndUserDto,
} from './dto/end-user.dto';
import { EndUserClient, EndUsersService } from './end-users.service';
import { CountUsage } from './usage.service';

const clientOf = (request: FastifyRequest, language?: string): EndUserClient => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'],
  locale: localeOf(language),
});

/** The open API: developers' end users, through a developer app signing with X-Api-Id. */
@ApiTags('open')
@Controller('open/users')
@UseInterceptors(CountUsage)
export class OpenApiController {
  constructor(private readonly users: EndUsersService) {}

  @Post('register')
  @Access({ caller: 'open-app' })
  @ApiOperation({ summary: "Register an end user in the app's library (1020 taken, 1066 the app's cap reached)" })
  @ApiHeader({ name: 'Accept-Language', required: false, description: 'the language of the verification mail: zh (default) or en' })
  @ApiData(RegisteredEndUserDto, 201)
  register(
    @CurrentOpenApp() app: CallerOpenApp,
    @Body() body: RegisterEndUserDto,
    @Req() request: FastifyRequest,
  ): Promise<RegisteredEndUserDto> {
    return this.users.register(app, body, clientOf(request, request.headers['accept-language']));
  }

  @Post('login')
  @Access({ caller: 'open-app' })
  @HttpCode(200)
  @ApiOperation({ summary: 'Log an end user in: (uuid, ukey); 99999 wrong credentials, 99998 banned or not verified' })
  @ApiData(EndUserSessionDto)
  login(@CurrentOpenApp() app: CallerOpenApp, @Body() body: EndUserLoginDto, @Req() request: FastifyRequest): Promise<EndUserSessionDto> {
    return this.users.login(app, body.account, body.password, clientOf(request));
  }

  @Post('verification/resend')
  @Access({ caller: 'open-app' })
  @HttpCode(200)
  @ApiOperation({
    summary: 'Mail a pending end user of the library a fresh verification link; the same answer whether or not the address is known',
  })
  @ApiHeader({ name: 'Accept-Language', required: false, description: 'the language of the mail: zh (default) or en' })
  @ApiData(null)
  resendVerification(@CurrentOpenApp() app: CallerOpenApp, @Body() body: EmailDto, @Req() request: FastifyRequest): null {
    this.users.resendVerification(app, body.email, clientOf(request, request.headers['accept-language']));
    return null;
  }

  @Get('me')
  @Access({ caller: 'open-user' })
  @ApiOperation({ summary: "The end user's own profile" })
  @ApiData(EndUserDto)
  me(@CurrentEndUserOf() user: CurrentEndUser): Promise<EndUserDto> {
    return this.users.me(user);
  }

  @Patch('me')
  @Access({ caller: 'open-user' })
  @ApiOperation({ summary: 'Change nickname or QQ (99992 when the QQ is malformed)' })
  @ApiData(EndUserDto)
  update(@CurrentEndUserOf() user: CurrentEndUser, @Body() body: UpdateEndUserDto): Promise<EndUserDto> {
    return this.users.update(user, body);
  }

  @Post('me/password')
  @Access({ caller: 'open-user' })
  @HttpCode(200)
  @ApiOperation({ summary: 'Change the password (99999 when the current one is wrong); other sessions end' })
  @ApiData(null)
  async changePassword(
    @CurrentEndUserOf() user: CurrentEndUser,
    @Body() body: ChangeEndUserPasswordDto,
    @Req() request: FastifyRequest,
  ): Promise<null> {
    await this.users.changePassword(user, body, clientOf(request));
    return null;
  }

  @Post('logout')
  @Access({ caller: 'open-user' })
  @HttpCode(200)
  @ApiOperation({ summary: 'End this session' })
  @ApiData(null)
  async logout(@CurrentEndUserOf() user: CurrentEndUser): Promise<null> {
    await this.users.logout(user);
    return null;
  }

  @Get(':uuid')
  @Access({ caller: 'open-user' })
  @ApiOperation({ summary: 'Public profile of another end user of the library (99993 unknown)' })
  @ApiData(PublicEndUserDto)
  profile(@CurrentEndUserOf() user: CurrentEndUser, @Param('uuid') uuid: string): Promise<PublicEndUserDto> {
    return this.users.publicProfile(user, uuid);
  }
}
