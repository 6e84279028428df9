import { Module } from '@nestjs/common';

import { GroupsModule } from '../groups/groups.module';
import { MessagesController } from './messages.controller';
import { MessagesService } from './messages.service';

@Module({
  imports: [GroupsModule],
  controllers: [MessagesController],
  providers: [MessagesService],
  // Reports take reported messages down and tell reporters and authors the verdict through it.
  exports: [MessagesService],
})
export class MessagesModule {}
