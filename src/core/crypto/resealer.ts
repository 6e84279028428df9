import { PrismaService } from '../database/prisma.service';
import { SealContext, SecretCipher } from './secret-cipher';

/** Rows read at once. */
const BATCH = 500;

type Row = Record<string, unknown>;

/** A table holding sealed values: its public id column, and each sealed column with where its values are sealed. */
export interface SealedTable {
  table: string;
  /** The column naming the row in reports (and bound into each seal). */
  idColumn: string;
  /** Further columns the seals' contexts need (a key version). */
  contextColumns?: string[];
  /** Each sealed column, and where a row's value of it is sealed (`id`: the row's idColumn as text). */
  columns: { name: string; context: (id: string, row: Row) => SealContext }[];
}

/** What a re-sealing pass did: values sealed anew under the current key, and the rows it could not open. */
export interface ResealReport {
  resealed: number;
  failed: { table: string; id: string; reason: string }[];
}

/**
 * Seals every value of `spec` that is not under the current key anew under it, in batches. Each
 * row is written by one UPDATE conditional on the values it read, so a row changed meanwhile (a
 * key rotation) is left to its writer, and a pass can run again, or beside another, at any time.
 * A value that opens under no configured key (or is of the first format) is reported and left.
 */
export async function resealTable(prisma: PrismaService, cipher: SecretCipher, spec: SealedTable): Promise<ResealReport> {
  const report: ResealReport = { resealed: 0, failed: [] };
  const columns = spec.columns.map((column) => `"${column.name}"`);
  const stale = columns.map((column) => `(${column} IS NOT NULL AND substring(${column} FROM 1 FOR ${cipher.header.length}) <> $1)`);
  const seen: string[] = [];
  for (;;) {
    const rows = await prisma.$queryRawUnsafe<Row[]>(
      `SELECT "${spec.idColumn}"::text AS row_id, ${[...(spec.contextColumns ?? []).map((c) => `"${c}"`), ...columns].join(', ')}
         FROM "${spec.table}" WHERE (${stale.join(' OR ')}) AND NOT ("${spec.idColumn}"::text = ANY($2::text[]))
        ORDER BY "${spec.idColumn}" LIMIT ${BATCH}`,
      cipher.header,
      seen,
    );
    if (rows.length === 0) return report;
    for (const row of rows) {
      const id = row.row_id as string;
      seen.push(id);
      let values: (Uint8Array | null)[];
      try {
        values = spec.columns.map(({ name, context }) => {
          const value = row[name] as Uint8Array | null;
          return value && !cipher.sealedUnderCurrentKey(value) ? cipher.reseal(value, context(id, row)) : value;
        });
      } catch (error) {
        report.failed.push({ table: spec.table, id, reason: (error as Error).message });
        continue;
      }
      const assignments = columns.map((column, i) => `${column} = $${i + 1}`);
      const unchanged = columns.map((column, i) => `${column} IS NOT DISTINCT FROM $${columns.length + i + 2}`);
      const updated = await prisma.$executeRawUnsafe(
        `UPDATE "${spec.table}" SET ${assignments.join(', ')}
          WHERE "${spec.idColumn}"::text = $${columns.length + 1} AND ${unchanged.join(' AND ')}`,
        ...values,
        id,
        ...spec.columns.map(({ name }) => row[name]),
      );
      if (updated === 1) report.resealed += values.filter((value, i) => value !== row[spec.columns[i].name]).length;
    }
  }
}

/** Both reports as one. */
export const mergeReports = (reports: ResealReport[]): ResealReport => ({
  resealed: reports.reduce((sum, report) => sum + report.resealed, 0),
  failed: reports.flatMap((report) => report.failed),
});
