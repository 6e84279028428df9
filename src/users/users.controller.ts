import { Body, Controller, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';

import { Access, CurrentUser } from '../auth/access.decorators';
import { CurrentSessionUser } from '../auth/caller';
import { ApiData } from '../core/http/envelope';
import { ChangePasswordDto, ProfileDto, PublicProfileDto, UpdateProfileDto } from './dto/profile.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  @Access({ caller: 'user', scope: 'users' })
  @ApiOperation({ summary: 'Your profile' })
  @ApiData(ProfileDto)
  me(@CurrentUser() user: CurrentSessionUser): Promise<ProfileDto> {
    return this.users.profile(user.id);
  }

  @Patch('me')
  @Access({ caller: 'user', scope: 'users' })
  @ApiOperation({ summary: 'Change your nickname or mail language' })
  @ApiData(ProfileDto)
  update(@CurrentUser() user: CurrentSessionUser, @Body() body: UpdateProfileDto): Promise<ProfileDto> {
    return this.users.update(user.id, body);
  }

  @Post('me/password')
  @Access({ caller: 'user', scope: 'users' })
  @HttpCode(200)
  @ApiOperation({ summary: 'Change your password; your other sessions end' })
  @ApiData(null)
  async changePassword(
    @CurrentUser() user: CurrentSessionUser,
    @Body() body: ChangePasswordDto,
    @Req() request: FastifyRequest,
  ): Promise<null> {
    await this.users.changePassword(user.id, user.sessionId, body, request.ip);
    return null;
  }

  @Get(':uuid')
  @Access({ caller: 'app', scope: 'users' })
  @ApiOperation({ summary: "Someone's public profile" })
  @ApiData(PublicProfileDto)
  publicProfile(@Param('uuid') uuid: string): Promise<PublicProfileDto> {
    return this.users.publicProfile(uuid);
  }
}
