import type { Db } from '../core/database/transaction';
import type { Prisma, ReportReason, ReportStatus, ReportTargetType } from '../generated/prisma/client';

/** A report one verdict closed. */
export interface ReviewedRow {
  id: string;
  reporter_id: string;
  target_type: ReportTargetType;
  target_id: string;
  reason: ReportReason;
}

export interface NewReport {
  reporterId: string;
  targetType: ReportTargetType;
  targetId: string;
  reason: ReportReason;
  detail: string | null;
}

/**
 * A new open report, unless the reporter has one open of the same target (a partial unique index
 * decides, however many arrive at once): its id, or undefined on such a conflict.
 */
export async function insertOpenReport(db: Db, report: NewReport): Promise<string | undefined> {
  const [inserted] = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO reports (reporter_id, target_type, target_id, reason, detail)
    VALUES (${report.reporterId}::uuid, ${report.targetType}::"ReportTargetType", ${report.targetId}::uuid, ${report.reason}::"ReportReason", ${report.detail})
    ON CONFLICT (reporter_id, target_type, target_id) WHERE status = 'pending' DO NOTHING
    RETURNING id`;
  return inserted?.id;
}

/**
 * ONE conditional UPDATE closes every open report of the target of `reportId`. A second verdict
 * racing it waits on the rows, then finds them no longer pending and closes none.
 */
export function closeOpenReports(
  tx: Prisma.TransactionClient,
  reportId: string,
  status: ReportStatus,
  reviewerId: string,
  note: string | null,
): Promise<ReviewedRow[]> {
  return tx.$queryRaw<ReviewedRow[]>`
    WITH chosen AS (SELECT target_type, target_id FROM reports WHERE id = ${reportId}::uuid AND status = 'pending')
    UPDATE reports r
       SET status = ${status}::"ReportStatus", reviewer_id = ${reviewerId}::uuid, note = ${note}, reviewed_at = now()
      FROM chosen
     WHERE r.target_type = chosen.target_type AND r.target_id = chosen.target_id AND r.status = 'pending'
    RETURNING r.id, r.reporter_id, r.target_type, r.target_id, r.reason`;
}
