import { Body, Controller, Delete, Get, Param, Post, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';

import { Access, CurrentUser } from '../auth/access.decorators';
import { CurrentSessionUser } from '../auth/caller';
import { ApiData } from '../core/http/envelope';
import { verifiedParts } from '../signing/signed-request';
import { CreateCredentialDto, CredentialDto, FileDto } from './dto/file.dto';
import { FilesService } from './files.service';

@ApiTags('files')
@Controller('files')
export class FilesController {
  constructor(private readonly files: FilesService) {}

  @Post()
  @Access({ caller: 'user', scope: 'files', permission: 'file.upload', stream: true })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['type', 'file'],
      properties: {
        type: { type: 'string', example: 'zip', description: '1-8 of [0-9A-Za-z]' },
        file: { type: 'string', format: 'binary' },
      },
    },
  })
  @ApiOperation({ summary: 'Upload one file (multipart: file, type); a zip is checked as an archive first (1016, 1017, 1046, 1047)' })
  @ApiData(FileDto, 201)
  upload(@CurrentUser() user: CurrentSessionUser, @Req() request: FastifyRequest): Promise<FileDto> {
    // The parts end only once a signed request's signature holds over the whole body, and the
    // service keeps the file only after the last part: an unsigned upload is never kept.
    const length = Number(request.headers['content-length']);
    return this.files.upload(user, verifiedParts(request), Number.isSafeInteger(length) ? length : undefined);
  }

  @Get(':flid')
  @Access({ caller: 'user', scope: 'files' })
  @ApiOperation({ summary: "Your file's metadata (1048 when not yours, 1051 once deleted)" })
  @ApiData(FileDto)
  describe(@CurrentUser() user: CurrentSessionUser, @Param('flid') flid: string): Promise<FileDto> {
    return this.files.describe(user, flid);
  }

  @Delete(':flid')
  @Access({ caller: 'user', scope: 'files' })
  @ApiOperation({ summary: 'Delete your file; its download credentials stop working (1051)' })
  @ApiData(null)
  async remove(@CurrentUser() user: CurrentSessionUser, @Param('flid') flid: string): Promise<null> {
    await this.files.remove(user, flid);
    return null;
  }

  @Post(':flid/credentials')
  @Access({ caller: 'user', scope: 'files' })
  @ApiOperation({ summary: 'A download credential for your file: maxDownloads 1-1000 (1049), expiresInSeconds; shown once' })
  @ApiData(CredentialDto, 201)
  createCredential(
    @CurrentUser() user: CurrentSessionUser,
    @Param('flid') flid: string,
    @Body() body: CreateCredentialDto,
  ): Promise<CredentialDto> {
    return this.files.createCredential(user, flid, body);
  }
}
