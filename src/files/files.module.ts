import { Module } from '@nestjs/common';

import { DownloadController } from './download.controller';
import { FileStore } from './file-store';
import { FilesController } from './files.controller';
import { FilesService } from './files.service';
import { StorageQuota } from './storage-quota';

@Module({
  controllers: [FilesController, DownloadController],
  providers: [FilesService, FileStore, StorageQuota],
  // Tutorials take their covers from it, and reports withdraw files through it.
  exports: [FilesService],
})
export class FilesModule {}
