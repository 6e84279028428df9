import { Controller, Get, Headers, Param, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { Access } from '../auth/access.decorators';
import { RawResponse } from '../core/http/raw-response.decorator';
import { FilesService } from './files.service';
import { sendDownload } from './send-download';

/** Download links are pasted into browsers and curl: no app, no session, just the credential. */
@ApiTags('files')
@Controller('download')
export class DownloadController {
  constructor(private readonly files: FilesService) {}

  @Get(':credential')
  @Access({ caller: 'public' })
  @RawResponse()
  @ApiProduces('application/octet-stream')
  @ApiOperation({
    summary:
      "The bytes behind a credential, one Range supported (or, with S3_PRESIGNED_DOWNLOADS, 302 to the store's URL for them); each GET takes what it serves from the credential's maxDownloads x size bytes, HEAD takes nothing (1050, 1051)",
  })
  async download(
    @Param('credential') credential: string,
    @Headers('range') range: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    // Fastify answers HEAD with this GET route; HEAD must not take bytes (link scanners send it).
    await sendDownload(reply, await this.files.download(credential, range, request.method === 'HEAD' ? 'HEAD' : 'GET'));
  }
}
