import { Module } from '@nestjs/common';

import { AuditModule } from '../audit/audit.module';
import { FilesModule } from '../files/files.module';
import { GroupsModule } from '../groups/groups.module';
import { TutorialLikesService } from './tutorial-likes.service';
import { TutorialsController } from './tutorials.controller';
import { TutorialsService } from './tutorials.service';

@Module({
  imports: [AuditModule, FilesModule, GroupsModule],
  controllers: [TutorialsController],
  providers: [TutorialsService, TutorialLikesService],
  // Reports check what a reporter may see and take tutorials down through it.
  exports: [TutorialsService],
})
export class TutorialsModule {}
