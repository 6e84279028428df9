import type { Prisma } from '../generated/prisma/client';

/** Deletes the message in one statement: what it was, or undefined when it was already gone. */
export async function deleteMessage(
  tx: Prisma.TransactionClient,
  id: string,
): Promise<{ senderId: string | null; title: string } | undefined> {
  const [removed] = await tx.$queryRaw<
    { sender_id: string | null; title: string }[]
  >`DELETE FROM messages WHERE id = ${id}::uuid RETURNING sender_id, title`;
  return removed && { senderId: removed.sender_id, title: removed.title };
}
