import { Module } from '@nestjs/common';

import { AdminModule } from '../admin/admin.module';
import { AuditModule } from '../audit/audit.module';
import { FilesModule } from '../files/files.module';
import { MessagesModule } from '../messages/messages.module';
import { TutorialsModule } from '../tutorials/tutorials.module';
import { UsersModule } from '../users/users.module';
import { AdminReportsController } from './admin-reports.controller';
import { ReportNotices } from './report-notices';
import { ReportTargets } from './report-targets';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  imports: [AdminModule, AuditModule, FilesModule, MessagesModule, TutorialsModule, UsersModule],
  controllers: [ReportsController, AdminReportsController],
  providers: [ReportsService, ReportTargets, ReportNotices],
})
export class ReportsModule {}
