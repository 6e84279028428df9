import { Module } from '@nestjs/common';

import { ArchiveProbe } from './archive-probe';
import { DownloadController } from './download.controller';
import { FileStore } from './file-store';
import { FilesController } from './files.controller';
import { FilesService } from './files.service';
import { StorageQuota } from './storage-quota';

@Module({
  controllers: [FilesController, DownloadController],
  providers: [FilesService, FileStore, StorageQuota, ArchiveProbe],
  // Tutorials take their covers from it, and reports withdraw files through it; readiness opens the archive probe.
  exports: [FilesService, ArchiveProbe],
})
export class FilesModule {}
