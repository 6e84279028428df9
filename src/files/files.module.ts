import { Module } from '@nestjs/common';

import { AppConfig } from '../core/config/app-config';
import { ArchiveProbe } from './archive-probe';
import { DownloadController } from './download.controller';
import { FileStore } from './file-store';
import { FilesController } from './files.controller';
import { FilesService } from './files.service';
import { FilesSweeps } from './files.sweeps';
import { LocalFileStore } from './local-file-store';
import { StorageQuota } from './storage-quota';

/**
 * The store STORAGE_DRIVER names; nothing else knows which it is. The S3 client (about 5 MB of
 * heap, marked by every full garbage collection) is loaded only for the s3 driver.
 */
async function fileStore(config: AppConfig): Promise<FileStore> {
  if (config.STORAGE_DRIVER !== 's3') return new LocalFileStore(config);
  const { S3FileStore } = await import('./s3-file-store');
  return new S3FileStore(config);
}

@Module({
  controllers: [FilesController, DownloadController],
  providers: [FilesService, FilesSweeps, StorageQuota, ArchiveProbe, { provide: FileStore, useFactory: fileStore, inject: [AppConfig] }],
  // Tutorials take their covers from it, reports withdraw files through it, readiness checks the store and opens the archive probe.
  exports: [FilesService, FileStore, ArchiveProbe],
})
export class FilesModule {}
