import { Module } from '@nestjs/common';

import { AppConfig } from '../core/config/app-config';
import { ArchiveProbe } from './archive-probe';
import { DownloadController } from './download.controller';
import { FileStore } from './file-store';
import { FilesController } from './files.controller';
import { FilesService } from './files.service';
import { FilesSweeps } from './files.sweeps';
import { LocalFileStore } from './local-file-store';
import { S3FileStore } from './s3-file-store';
import { StorageQuota } from './storage-quota';

/** The store STORAGE_DRIVER names; nothing else knows which it is. */
const fileStore = (config: AppConfig): FileStore => (config.STORAGE_DRIVER === 's3' ? new S3FileStore(config) : new LocalFileStore(config));

@Module({
  controllers: [FilesController, DownloadController],
  providers: [FilesService, FilesSweeps, StorageQuota, ArchiveProbe, { provide: FileStore, useFactory: fileStore, inject: [AppConfig] }],
  // Tutorials take their covers from it, reports withdraw files through it, readiness checks the store and opens the archive probe.
  exports: [FilesService, FileStore, ArchiveProbe],
})
export class FilesModule {}
