import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';

import { mergeReports, ResealReport, resealTable, SealedTable } from '../core/crypto/resealer';
import { SealContext, SecretCipher } from '../core/crypto/secret-cipher';
import { PrismaService } from '../core/database/prisma.service';
import { ReadinessFailure } from '../core/process/readiness-check';
import { Prisma } from '../generated/prisma/client';

/** Where an app's key of a given version is sealed: the seal opens in that row, for that version, only. */
export const appKeySeal = (appId: string, keyVersion: number): SealContext => ({ table: 'apps', id: appId, keyVersion });

/** Where a developer app's api key of a given version is sealed. */
export const developerKeySeal = (apiId: string, keyVersion: number): SealContext => ({ table: 'developer_apps', id: apiId, keyVersion });

/**
 * Every sealed secret at rest: the table, its public id column, and its sealed columns with the
 * key version each is bound to (the previous app key is the one before the current).
 */
const SEALED = [
  {
    table: 'apps',
    idColumn: 'app_id',
    columns: [
      { name: 'key_ciphertext', versionOffset: 0 },
      { name: 'previous_key_ciphertext', versionOffset: -1 },
    ],
  },
  {
    table: 'developer_apps',
    idColumn: 'api_id',
    columns: [
      { name: 'key_ciphertext', versionOffset: 0 },
      { name: 'previous_key_ciphertext', versionOffset: -1 },
    ],
  },
] as const;

type SealedRow = { id: number; public_id: string } & Record<string, Uint8Array | null>;

/** The same tables for `resealTable`: each value bound to its row's public id and key version. */
const RESEALED: SealedTable[] = SEALED.map(({ table, idColumn, columns }) => ({
  table,
  idColumn,
  contextColumns: ['key_version'],
  columns: columns.map(({ name, versionOffset }) => ({
    name,
    context: (id, row) => ({ table, id, keyVersion: (row.key_version as number) + versionOffset }),
  })),
}));

/**
 * Keeps the sealed keys at rest usable under the configured APP_SECRET_KEY: re-seals values of
 * the first format (not bound to their row, no key id) once at start-up, re-seals everything
 * under APP_SECRET_KEY after a rotation (`platform secret:reseal`), and tells readiness whether
 * any stored key was sealed under none of the configured keys (a wrong or changed
 * APP_SECRET_KEY, with which every keyed app would fail as unknown).
 */
@Injectable()
export class SealedKeys implements OnApplicationBootstrap {
  private readonly logger = new Logger(SealedKeys.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly cipher: SecretCipher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const resealed = await this.resealLegacy();
    if (resealed > 0) this.logger.log(`re-sealed ${resealed} stored keys bound to their rows under key id ${this.cipher.keyId}`);
    const previous = await this.countNotUnder(this.cipher.header);
    if (previous > 0) this.logger.warn(`${previous} stored keys are not sealed under APP_SECRET_KEY yet: run \`platform secret:reseal\``);
  }

  /**
   * Seals every app and developer app key that is not under APP_SECRET_KEY anew under it (those
   * under APP_SECRET_KEY_PREVIOUS, during a rotation): `platform secret:reseal`.
   */
  async resealAll(): Promise<ResealReport> {
    return mergeReports(await Promise.all(RESEALED.map((spec) => resealTable(this.prisma, this.cipher, spec))));
  }

  /**
   * Rows at key version 0 hold keys sealed before keys were bound to rows: each is opened and
   * sealed again for its row at version 1 (the previous key at 0). One conditional UPDATE per row,
   * so processes starting together re-seal each row once. A value that does not open under this
   * key is left as it is, and readiness reports it.
   */
  async resealLegacy(): Promise<number> {
    let count = 0;
    for (const { table, idColumn, columns } of SEALED) {
      const rows = await this.prisma.$queryRawUnsafe<SealedRow[]>(
        `SELECT "id", "${idColumn}" AS public_id, ${columns.map((c) => `"${c.name}"`).join(', ')}
           FROM "${table}" WHERE "key_version" = 0 AND "key_ciphertext" IS NOT NULL`,
      );
      for (const row of rows) {
        const sealed = this.resealRow(table, row, columns);
        if (!sealed) continue;
        const assignments = columns.map((c, i) => `"${c.name}" = $${i + 1}`).join(', ');
        count += await this.prisma.$executeRawUnsafe(
          `UPDATE "${table}" SET ${assignments}, "key_version" = 1
            WHERE "id" = $${columns.length + 1} AND "key_version" = 0 AND "key_ciphertext" = $${columns.length + 2}`,
          ...sealed,
          row.id,
          row.key_ciphertext,
        );
      }
    }
    return count;
  }

  /**
   * Throws when a stored key was sealed by none of the configured keys (APP_SECRET_KEY, and
   * APP_SECRET_KEY_PREVIOUS during a rotation), or is still of the first format.
   */
  async check(): Promise<void> {
    const total = await this.countNotUnder(...this.cipher.headers);
    if (total > 0)
      throw new ReadinessFailure(`${total} stored keys do not open under APP_SECRET_KEY (key id ${this.cipher.keyId}): was it changed?`);
  }

  /** Stored keys whose header is none of `headers`. */
  private async countNotUnder(...headers: Buffer[]): Promise<number> {
    const length = this.cipher.header.length;
    const counts = await Promise.all(
      SEALED.map(async ({ table, columns }) => {
        const foreign = columns.map((c) => {
          const column = Prisma.raw(`"${c.name}"`);
          return Prisma.sql`(${column} IS NOT NULL AND substring(${column} FROM 1 FOR ${length}) NOT IN (${Prisma.join(headers)}))`;
        });
        const [row] = await this.prisma.$queryRaw<{ n: number }[]>`
          SELECT count(*)::int AS n FROM ${Prisma.raw(`"${table}"`)} WHERE ${Prisma.join(foreign, ' OR ')}`;
        return row.n;
      }),
    );
    return counts.reduce((sum, n) => sum + n, 0);
  }

  /** The row's values sealed anew for their versions, or undefined when one does not open. */
  private resealRow(
    table: string,
    row: SealedRow,
    columns: readonly { name: string; versionOffset: number }[],
  ): (Uint8Array | null)[] | undefined {
    try {
      return columns.map(({ name, versionOffset }) => {
        const value = row[name];
        return value && this.cipher.seal(this.cipher.openLegacy(value), { table, id: row.public_id, keyVersion: 1 + versionOffset });
      });
    } catch (error) {
      this.logger.error(`the key of ${table} ${row.public_id} does not open to be re-sealed: ${(error as Error).message}`);
      return undefined;
    }
  }
}
