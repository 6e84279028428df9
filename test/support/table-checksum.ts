import { PrismaService } from '../../src/core/database/prisma.service';

/**
 * Bookkeeping a refused request may move on purpose: nonces and rate-limit counters (a refused
 * login counts), attempt counters of captchas, a session's last use; and what background work
 * changes at any moment: the mail outbox (its worker, and the mail of earlier, accepted requests:
 * a reset code is mailed after its answer), the scheduler's runs and the open API's usage flushes
 * (of earlier, accepted calls). Everything else a refused request must leave as it was.
 */
const UNWATCHED_TABLES = new Set([
  '_prisma_migrations',
  'request_nonces',
  'rate_limit_counters',
  'mail_outbox',
  'scheduled_runs',
  'developer_app_usage',
]);
const UNWATCHED_COLUMNS = new Set(['sessions.last_seen_at', 'end_user_sessions.last_seen_at', 'captchas.attempts']);

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** One query giving each watched table's row count and an order-independent hash of its rows. */
async function checksumQuery(prisma: PrismaService): Promise<string> {
  const columns = await prisma.$queryRawUnsafe<{ table_name: string; column_name: string }[]>(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  );
  const byTable = new Map<string, string[]>();
  for (const { table_name: table, column_name: column } of columns) {
    if (UNWATCHED_TABLES.has(table) || UNWATCHED_COLUMNS.has(`${table}.${column}`)) continue;
    byTable.set(table, [...(byTable.get(table) ?? []), quote(column)]);
  }
  return [...byTable]
    .map(
      ([table, cols]) =>
        `SELECT '${table}' AS name, count(*)::int AS rows,
                coalesce(md5(string_agg(md5(ROW(${cols.join(', ')})::text), '' ORDER BY md5(ROW(${cols.join(', ')})::text))), '') AS hash
           FROM ${quote(table)}`,
    )
    .join(' UNION ALL ');
}

export type TableChecksums = Record<string, string>;

/** Reads every watched table of the app's database: `{ table: "rows:hash" }`. */
export class TableWatcher {
  private query?: string;

  constructor(private readonly prisma: PrismaService) {}

  async snapshot(): Promise<TableChecksums> {
    this.query ??= await checksumQuery(this.prisma);
    const rows = await this.prisma.$queryRawUnsafe<{ name: string; rows: number; hash: string }[]>(this.query);
    return Object.fromEntries(rows.map((row) => [row.name, `${row.rows}:${row.hash}`]));
  }

  /** The tables whose rows differ between two snapshots. */
  static changed(before: TableChecksums, after: TableChecksums): string[] {
    return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((table) => before[table] !== after[table]).sort();
  }
}
