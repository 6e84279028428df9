import { Group } from '../generated/prisma/client';

/** A group as JSON carries it: the quota as a number (bytes stay far below 2^53). */
export type GroupView = Omit<Group, 'storageQuotaBytes'> & { storageQuotaBytes: number };

export const groupView = (group: Group): GroupView => ({ ...group, storageQuotaBytes: Number(group.storageQuotaBytes) });
