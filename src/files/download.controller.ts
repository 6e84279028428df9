import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/access.decorators';
import { RawResponse } from '../core/http/raw-response.decorator';
import { FilesService } from './files.service';

/** Download links are pasted into browsers and curl: no app, no session, just the credential. */
@ApiTags('files')
@Public()
@Controller('download')
export class DownloadController {
  constructor(private readonly files: FilesService) {}

  @Get(':credential')
  @RawResponse()
  @ApiProduces('application/octet-stream')
  @ApiOperation({ summary: 'The bytes behind a credential, one Range supported; counts a download unless resuming (1050, 1051)' })
  async download(@Param('credential') credential: string, @Headers('range') range: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const { status, headers, body } = await this.files.download(credential, range);
    await reply.status(status).headers(headers).send(body);
  }
}
