import { Injectable } from '@nestjs/common';

import { AuditService } from '../audit/audit.service';
import { CurrentSessionUser } from '../auth/caller';
import { AppConfig } from '../core/config/app-config';
import { PrismaService } from '../core/database/prisma.service';
import { AfterCommit, nothingAfterCommit } from '../core/database/transaction';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { parseCondition, read } from '../core/http/condition';
import { Page, skipTake } from '../core/http/paging.dto';
import { RateLimiter } from '../core/rate-limit/rate-limiter';
import { Prisma, ReportStatus, ReportTargetType } from '../generated/prisma/client';
import { USER_SUMMARY, userSummary } from '../users/dto/profile.dto';
import { AdminReportDetailDto, AdminReportDto, CreateReportDto, ReportDto, ReviewReportDto } from './dto/report.dto';
import { ReportNotices } from './report-notices';
import { ReportTargets } from './report-targets';
import { closeOpenReports, insertOpenReport, ReviewedRow } from './reports.sql';

const HOUR = 3600;

const CONDITION = {
  status: read.oneOf(...Object.values(ReportStatus)),
  type: read.oneOf(...Object.values(ReportTargetType)),
  target: read.uuid,
  reporter: read.uuid,
};

const ROW = {
  id: true,
  targetType: true,
  targetId: true,
  reason: true,
  detail: true,
  status: true,
  note: true,
  createdAt: true,
  reviewedAt: true,
  reporter: USER_SUMMARY,
  reviewer: USER_SUMMARY,
} as const;
type ReportRow = Prisma.ReportGetPayload<{ select: typeof ROW }>;

const forReporter = (row: ReportRow): ReportDto => ({
  id: row.id,
  targetType: row.targetType,
  targetId: row.targetId,
  reason: row.reason,
  detail: row.detail,
  status: row.status,
  createdAt: row.createdAt,
  reviewedAt: row.reviewedAt,
});

const forModerator = (row: ReportRow): AdminReportDto => ({
  ...forReporter(row),
  reporter: userSummary(row.reporter),
  reviewer: row.reviewer && userSummary(row.reviewer),
  note: row.note,
});

/**
 * Reports: users (report.create) report what they can see; moderators (report.review) review them.
 * A reporter has one open report per target (a partial unique index); one verdict reviews every
 * open report of the target at once, in ONE conditional UPDATE, so two moderators never both
 * review it. An upheld report takes the target down (report-targets.ts) in the same transaction
 * as the verdict, its audit row and the notices to the reporters and the author.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly targets: ReportTargets,
    private readonly notices: ReportNotices,
    private readonly audit: AuditService,
    private readonly limiter: RateLimiter,
    private readonly config: AppConfig,
  ) {}

  /**
   * A new report, or the reporter's open report of the same target, however many arrive at once.
   * The target must be one the reporter can see (its not-found code otherwise).
   */
  async create(reporter: CurrentSessionUser, input: CreateReportDto): Promise<ReportDto> {
    const targetId = await this.targets.assertVisible(input.targetType, input.targetId, reporter);
    await this.limiter.consume(`report:reporter:${reporter.id}`, {
      limiter: 'report_file',
      limit: this.config.REPORT_LIMIT_PER_HOUR,
      windowSeconds: HOUR,
    });
    // A conflict is an open report of this reporter and target; should a verdict close it before
    // it is read, the next insert succeeds. Two rounds cannot both miss.
    for (let round = 0; round < 3; round++) {
      const report = {
        reporterId: reporter.id,
        targetType: input.targetType,
        targetId,
        reason: input.reason,
        detail: input.detail ?? null,
      };
      const inserted = await insertOpenReport(this.prisma, report);
      const open =
        inserted ??
        (
          await this.prisma.report.findFirst({
            where: { reporterId: reporter.id, targetType: input.targetType, targetId, status: ReportStatus.pending },
            select: { id: true },
          })
        )?.id;
      if (open) return forReporter(await this.row(open));
    }
    throw new DomainError(ErrorCode.DATABASE_WRITE_FAILED, 'the report could not be recorded');
  }

  /** Newest first; `condition`: status, type, target (uuid), reporter (uuid); 1045 otherwise. */
  async list(condition: string | undefined, page: Page): Promise<AdminReportDto[]> {
    const filter = parseCondition(condition, CONDITION);
    const rows = await this.prisma.report.findMany({
      where: { status: filter.status, targetType: filter.type, targetId: filter.target, reporterId: filter.reporter },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      ...skipTake(page),
      select: ROW,
    });
    return rows.map(forModerator);
  }

  /** One report with its target as it is now and how many reports of it are open; 1044 when unknown. */
  async get(id: string): Promise<AdminReportDetailDto> {
    const row = await this.row(this.reportId(id));
    const [target, openReports] = await Promise.all([
      this.targets.describe(row.targetType, row.targetId),
      this.prisma.report.count({ where: { targetType: row.targetType, targetId: row.targetId, status: ReportStatus.pending } }),
    ]);
    return { ...forModerator(row), target, openReports };
  }

  /**
   * The verdict on every open report of this report's target: 1044 when the report is unknown or
   * no longer open (another moderator's verdict came first), or when one of them is the
   * moderator's own. Approving takes the target down.
   */
  async review(moderator: CurrentSessionUser, id: string, input: ReviewReportDto, ip: string): Promise<AdminReportDetailDto> {
    const reportId = this.reportId(id);
    const approved = input.verdict === 'approve';
    const note = input.note ?? null;
    const afterCommit = await this.prisma.$transaction(async (tx): Promise<AfterCommit> => {
      const reviewed = await this.close(tx, reportId, approved ? ReportStatus.approved : ReportStatus.rejected, moderator.id, note);
      // A verdict decides every open report of the target: none of them may be the moderator's own.
      if (reviewed.some((row) => row.reporter_id === moderator.id)) {
        throw new DomainError(ErrorCode.REPORT_INVALID, 'you reported this target: another moderator decides');
      }
      const { target_type: type, target_id: targetId } = reviewed[0];
      const target = await this.targets.describe(type, targetId, tx);
      const afterCommit = approved ? await this.targets.takeDownIn(tx, type, targetId, moderator, ip) : nothingAfterCommit;
      await this.audit.record(
        {
          action: 'report.review',
          actorId: moderator.id,
          targetType: type,
          targetId,
          ip,
          details: { verdict: input.verdict, reports: reviewed.map((row) => row.id), ...(note !== null && { note }) },
        },
        tx,
      );
      const reason = reviewed.find((row) => row.id === reportId)?.reason ?? reviewed[0].reason;
      await this.notices.sendIn(
        tx,
        { approved, type, name: target.name, reason, note },
        reviewed.map((row) => row.reporter_id),
        target.author?.uuid ?? null,
      );
      return afterCommit;
    });
    await afterCommit();
    return this.get(reportId);
  }

  /** Closes every open report of the target of `reportId` (reports.sql.ts); 1044 when another verdict came first. */
  private async close(
    tx: Prisma.TransactionClient,
    reportId: string,
    status: ReportStatus,
    reviewerId: string,
    note: string | null,
  ): Promise<ReviewedRow[]> {
    const reviewed = await closeOpenReports(tx, reportId, status, reviewerId, note);
    if (reviewed.length === 0) throw new DomainError(ErrorCode.REPORT_INVALID, 'no such open report');
    return reviewed;
  }

  private async row(id: string): Promise<ReportRow> {
    const row = await this.prisma.report.findUnique({ where: { id }, select: ROW });
    if (!row) throw new DomainError(ErrorCode.REPORT_INVALID, 'no such report');
    return row;
  }

  private reportId(id: string): string {
    const uuid = read.uuid(id);
    if (!uuid) throw new DomainError(ErrorCode.REPORT_INVALID, 'no such report');
    return uuid;
  }
}
