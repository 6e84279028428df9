import { Module } from '@nestjs/common';
import { FilesModule } from '../files/files.module';
import { TutorialLikesService } from './tutorial-likes.service';
import { TutorialsController } from './tutorials.controller';
import { TutorialsService } from './tutorials.service';

@Module({
  imports: [FilesModule],
  controllers: [TutorialsController],
  providers: [TutorialsService, TutorialLikesService],
  // Reports check what a reporter may see and take tutorials down through it.
  exports: [TutorialsService],
})
export class TutorialsModule {}
