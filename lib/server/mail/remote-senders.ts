import "server-only";
import { getDb } from "../../db/client.ts";

/** Senders whose remote images this person chose to always load. */
export async function trustedSenders(userId: string): Promise<Set<string>> {
  const db = await getDb();
  const rows = await db.remoteContentSender.findMany({
    where: { userId },
    select: { address: true },
  });
  return new Set(rows.map((r) => r.address));
}

export async function trustSender(userId: string, address: string): Promise<void> {
  const db = await getDb();
  const normalized = address.trim().toLowerCase();
  await db.remoteContentSender.upsert({
    where: { userId_address: { userId, address: normalized } },
    create: { userId, address: normalized },
    update: {},
  });
}

export async function forgetSender(userId: string, address: string): Promise<void> {
  const db = await getDb();
  await db.remoteContentSender.deleteMany({
    where: { userId, address: address.trim().toLowerCase() },
  });
}
