import { Injectable } from '@nestjs/common';

import { AuditService, changed } from '../audit/audit.service';
import { CurrentSessionUser } from '../auth/caller';
import { AppConfig } from '../core/config/app-config';
import { randomHex } from '../core/crypto/tokens';
import { PrismaService } from '../core/database/prisma.service';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { EndUserStatus, LedgerKind, Prisma, UserLibrary } from '../generated/prisma/client';
import { LedgerService } from '../points/ledger.service';
import { OpenAppsService } from '../signing/open-apps.service';
import { lockUser } from '../users/user-lock';
import { librariesHeld, lockLibrary } from './developer.sql';
import { CreateLibraryDto, LibraryDetailDto, LibraryDto, UpdateLibraryDto } from './dto/library.dto';

type Tx = Prisma.TransactionClient;

const DAY_MS = 24 * 3600 * 1000;

/** `sp` and 20 hex characters: public, URL-safe, 80 random bits. */
const newSpanId = (): string => `sp${randomHex(10)}`;

const libraryDto = (library: UserLibrary): LibraryDto => ({
  spanId: library.spanId,
  name: library.name,
  requireEmailVerification: library.requireEmailVerification,
  expiresAt: library.expiresAt,
  deletedAt: library.deletedAt,
  createdAt: library.createdAt,
});

/**
 * User libraries (user pools): bought and renewed for balance, at most (apps + 1) per developer,
 * bound to the developer's apps (DeveloperAppsService.bindLibrary), whose end users they hold. Creation queues on the owner's row
 * (the quota counts what parallel creations made); every other change on the library's row.
 * Every change drops the cached copies of the apps bound to it, so the open API sees it at once.
 */
@Injectable()
export class LibrariesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly config: AppConfig,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
    private readonly openApps: OpenAppsService,
  ) {}

  /** 1072 past the quota (apps + 1), 1059 when the balance cannot pay. */
  async create(owner: CurrentSessionUser, input: CreateLibraryDto, ip: string): Promise<LibraryDto> {
    const now = new Date();
    const library = await this.prisma.$transaction(async (tx) => {
      await lockUser(tx, owner.id);
      const held = await librariesHeld(tx, owner.id);
      if (held.libraries >= held.apps + 1) {
        throw new DomainError(ErrorCode.LIBRARY_QUOTA_REACHED, `at most ${held.apps + 1} user libraries (your apps + 1)`);
      }
      const spanId = newSpanId();
      await this.charge(tx, owner, `user library "${input.name}" (${spanId})`);
      const created = await tx.userLibrary.create({
        data: {
          spanId,
          ownerId: owner.id,
          name: input.name,
          requireEmailVerification: input.requireEmailVerification ?? false,
          expiresAt: new Date(now.getTime() + this.config.LIBRARY_DAYS * DAY_MS),
          createdAt: now,
        },
      });
      await this.record(tx, owner.id, ip, 'library.create', spanId, {
        name: input.name,
        priceCents: this.config.LIBRARY_PRICE_CENTS,
        expiresAt: created.expiresAt.toISOString(),
      });
      return created;
    });
    return libraryDto(library);
  }

  /** The owner's libraries, newest first, deleted ones included (with `deletedAt`). */
  async list(ownerId: string): Promise<LibraryDto[]> {
    const libraries = await this.prisma.userLibrary.findMany({ where: { ownerId }, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }] });
    return libraries.map(libraryDto);
  }

  /** One of the owner's libraries with its end users and apps; 1071 when not theirs. */
  async detail(ownerId: string, spanId: string): Promise<LibraryDetailDto> {
    const library = await this.prisma.userLibrary.findFirst({
      where: { spanId, ownerId },
      include: { apps: { select: { apiId: true }, orderBy: { id: 'asc' } } },
    });
    if (!library) throw new DomainError(ErrorCode.LIBRARY_NOT_FOUND, 'no such user library');
    const endUsers = await this.prisma.endUser.count({ where: { libraryId: library.id, status: { not: EndUserStatus.DELETED } } });
    return { ...libraryDto(library), endUsers, apps: library.apps.map((app) => app.apiId) };
  }

  /** Rename, or turn mailed verification of new end users on or off; 1011 when nothing is asked, 1071 unknown or deleted. */
  async update(owner: CurrentSessionUser, spanId: string, changes: UpdateLibraryDto, ip: string): Promise<LibraryDto> {
    const name = changes.name ?? undefined;
    const requireEmailVerification = changes.requireEmailVerification ?? undefined;
    if (name === undefined && requireEmailVerification === undefined) {
      throw new DomainError(ErrorCode.REQUIRED_PARAMETER_MISSING, 'name or requireEmailVerification is required');
    }
    return this.change(owner.id, spanId, async (tx, locked) => {
      const updated = await tx.userLibrary.update({ where: { id: locked.id }, data: { name, requireEmailVerification } });
      await this.record(tx, owner.id, ip, 'library.update', spanId, {
        ...changed('name', locked.name, updated.name),
        ...changed('requireEmailVerification', locked.requireEmailVerification, updated.requireEmailVerification),
      });
      return updated;
    });
  }

  /** Soft: the library and its end users stay, its apps answer 1070; 1071 when unknown or already deleted. */
  async remove(owner: CurrentSessionUser, spanId: string, ip: string): Promise<void> {
    await this.change(owner.id, spanId, async (tx, locked) => {
      const deleted = await tx.userLibrary.update({ where: { id: locked.id }, data: { deletedAt: new Date() } });
      await this.record(tx, owner.id, ip, 'library.delete', spanId, {});
      return deleted;
    });
  }

  /**
   * Pays the price again (1059 when short) for LIBRARY_DAYS more, counted from the expiry or from
   * now if past. Only from LIBRARY_RENEW_WINDOW_DAYS before the expiry to LIBRARY_GRACE_DAYS after
   * it, and never for a deleted library (1073).
   */
  async renew(owner: CurrentSessionUser, spanId: string, ip: string): Promise<LibraryDto> {
    return this.change(
      owner.id,
      spanId,
      async (tx, locked) => {
        this.assertRenewable(locked);
        await this.charge(tx, owner, `renewal of user library "${locked.name}" (${spanId})`);
        const from = Math.max(Date.now(), locked.expiresAt.getTime());
        const renewed = await tx.userLibrary.update({
          where: { id: locked.id },
          data: { expiresAt: new Date(from + this.config.LIBRARY_DAYS * DAY_MS) },
        });
        await this.record(tx, owner.id, ip, 'library.renew', spanId, {
          priceCents: this.config.LIBRARY_PRICE_CENTS,
          ...changed('expiresAt', locked.expiresAt.toISOString(), renewed.expiresAt.toISOString()),
        });
        return renewed;
      },
      { deleted: 'renewal' },
    );
  }

  private assertRenewable(library: UserLibrary): void {
    const now = Date.now();
    const expiry = library.expiresAt.getTime();
    if (now < expiry - this.config.LIBRARY_RENEW_WINDOW_DAYS * DAY_MS) {
      throw new DomainError(
        ErrorCode.LIBRARY_RENEWAL_FAILED,
        `renewal opens ${this.config.LIBRARY_RENEW_WINDOW_DAYS} days before the expiry`,
      );
    }
    if (now > expiry + this.config.LIBRARY_GRACE_DAYS * DAY_MS) {
      throw new DomainError(ErrorCode.LIBRARY_RENEWAL_FAILED, `renewal closed ${this.config.LIBRARY_GRACE_DAYS} days after the expiry`);
    }
  }

  /**
   * `work` on the owner's live library, locked; every process then drops the apps bound to it.
   * A deleted library is 1071, or 1073 for a renewal.
   */
  private async change(
    ownerId: string,
    spanId: string,
    work: (tx: Tx, library: UserLibrary) => Promise<UserLibrary>,
    options: { deleted?: 'renewal' } = {},
  ): Promise<LibraryDto> {
    const library = await this.prisma.$transaction(async (tx) => {
      const locked = await this.lockLive(tx, ownerId, spanId, options.deleted === 'renewal' ? ErrorCode.LIBRARY_RENEWAL_FAILED : undefined);
      return work(tx, locked);
    });
    await this.openApps.forgetLibrary(library.id);
    return libraryDto(library);
  }

  /** The owner's library, locked; 1071 when unknown or not theirs, and when deleted (or `deletedCode`). */
  async lockLive(tx: Tx, ownerId: string, spanId: string, deletedCode = ErrorCode.LIBRARY_NOT_FOUND): Promise<UserLibrary> {
    const id = await lockLibrary(tx, spanId, ownerId);
    if (id === undefined) throw new DomainError(ErrorCode.LIBRARY_NOT_FOUND, 'no such user library');
    const library = await tx.userLibrary.findUniqueOrThrow({ where: { id } });
    if (library.deletedAt) throw new DomainError(deletedCode, 'this user library was deleted');
    return library;
  }

  /** Takes the price from the balance ledger (1059 when short); a free library moves nothing. */
  private async charge(tx: Tx, owner: CurrentSessionUser, reason: string): Promise<void> {
    const price = this.config.LIBRARY_PRICE_CENTS;
    if (price === 0) return;
    await this.ledger.apply(
      'balance',
      { userId: owner.id, appId: owner.appId, delta: -BigInt(price), kind: LedgerKind.DEVELOPER, reason },
      tx,
    );
  }

  private record(
    tx: Tx,
    actorId: string,
    ip: string,
    action: string,
    targetId: string,
    details: Prisma.InputJsonObject,
    targetType = 'library',
  ): Promise<void> {
    return this.audit.record({ action, actorId, targetType, targetId, ip, details }, tx);
  }
}
