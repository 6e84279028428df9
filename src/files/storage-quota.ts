import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { AppConfig } from '../core/config/app-config';
import { PrismaService } from '../core/database/prisma.service';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { Prisma } from '../generated/prisma/client';
import { lockUser } from '../users/user-lock';
import { dropExpiredReservations, reserve, StorageUsage, storageUsage } from './files.sql';

type Tx = Prisma.TransactionClient;

/** How far ahead of the bytes that have arrived an upload of unknown length reserves: one transaction per step. */
const STEP_BYTES = 1024 * 1024;

/** How long a reservation outlives its upload's deadline (the archive check, the final write) before it stops counting. */
const GRACE_SECONDS = 300;

/**
 * Per-group storage quotas. An upload holds a reservation that grows as its bytes arrive, so
 * parallel uploads see each other's bytes before any is kept; every change to it runs with the
 * user's row locked (the lock the balance debit takes too), so two uploads cannot both be granted
 * the last bytes of a quota. Recording the file checks the quota once more in the same
 * transaction as its row: the quota holds whatever happened in between.
 */
@Injectable()
export class StorageQuota {
  constructor(
    private readonly prisma: PrismaService,
    private readonly config: AppConfig,
  ) {}

  /**
   * A reservation for a new upload by `userId` of at most `expected` bytes (the request's length,
   * when it has one): as much of that as the quota holds, so the first uploads to start are the
   * ones that fit. 1046 at once when the quota is used up.
   */
  async open(userId: string, expected: number | undefined): Promise<Reservation> {
    const reservation = new Reservation(this, userId, this.config.FILE_MAX_BYTES);
    await reservation.cover(1, expected);
    return reservation;
  }

  /** Reserves at least `need` bytes (up to `want`) for the upload; 1046 when the quota cannot hold `need`. Unlimited: undefined. */
  grant(userId: string, id: string, need: number, want: number): Promise<number | undefined> {
    return this.prisma.$transaction(async (tx) => {
      const { quota, used } = await this.lockedUsage(tx, userId, id);
      await dropExpiredReservations(tx, userId);
      if (quota === 0n) {
        await tx.uploadReservation.deleteMany({ where: { id } });
        return undefined;
      }
      const available = quota - used;
      if (available < BigInt(need)) throw overQuota(quota, used);
      const granted = available < BigInt(want) ? Number(available) : want;
      const lifetime = this.config.UPLOAD_TIMEOUT_SECONDS + GRACE_SECONDS;
      await reserve(tx, { id, userId, bytes: BigInt(granted), lifetimeSeconds: lifetime });
      return granted;
    });
  }

  /** Runs `record` (the file's row) if the quota holds `size` more bytes, and ends the reservation in the same transaction. */
  keep<T>(userId: string, id: string, size: number, record: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(async (tx) => {
      const { quota, used } = await this.lockedUsage(tx, userId, id);
      if (quota > 0n && used + BigInt(size) > quota) throw overQuota(quota, used);
      const kept = await record(tx);
      await tx.uploadReservation.deleteMany({ where: { id } });
      return kept;
    });
  }

  async release(id: string): Promise<void> {
    await this.prisma.uploadReservation.deleteMany({ where: { id } });
  }

  /** The user's quota and usage but for reservation `id`, with their row locked to the end of the transaction (the lock first). */
  private async lockedUsage(tx: Tx, userId: string, id: string): Promise<StorageUsage> {
    await lockUser(tx, userId);
    return storageUsage(tx, userId, id);
  }
}

const overQuota = (quota: bigint, used: bigint): DomainError =>
  new DomainError(ErrorCode.PAYLOAD_TOO_LARGE, `over your storage quota of ${quota} bytes: ${used} are already kept or being uploaded`);

/** The bytes one upload holds against its owner's quota. */
export class Reservation {
  readonly id = randomUUID();
  /** Bytes reserved so far; undefined once the quota turned out unlimited. */
  private granted: number | undefined = 0;
  /** Whether a row holds the bytes (until the file is kept or the upload ends). */
  private held = false;

  constructor(
    private readonly quota: StorageQuota,
    private readonly userId: string,
    private readonly largestFile: number,
  ) {}

  /**
   * Makes sure `size` bytes are reserved, and up to `expected` (never past the largest file) when
   * the quota holds them; 1046 when it cannot hold `size`.
   */
  async cover(size: number, expected = size + STEP_BYTES): Promise<void> {
    if (this.granted === undefined || size <= this.granted) return;
    const ahead = Math.max(size, Math.min(expected, this.largestFile));
    this.granted = await this.quota.grant(this.userId, this.id, size, ahead);
    this.held = this.granted !== undefined;
  }

  async keep<T>(size: number, record: (tx: Tx) => Promise<T>): Promise<T> {
    const kept = await this.quota.keep(this.userId, this.id, size, record);
    this.held = false;
    return kept;
  }

  /** Ends the reservation of an upload that was not kept. */
  async release(): Promise<void> {
    if (this.held) await this.quota.release(this.id);
    this.held = false;
  }
}
