import "server-only";
/**
 * Autocomplete for the address fields: addresses the account has sent to (weighted more) or
 * received mail from, learned as mail is sent and read. Names come from received mail and are
 * put on one line; addresses are checked before they are kept.
 */
import { getDb } from "../../db/client.ts";
import { oneLine } from "../../mail/mime/build/foreign-text.ts";
import { checkAddrSpec } from "../../mail/mime/build/index.ts";
import { CONTACT_SCAN_LIMIT, MAX_NAME_CHARS, MAX_SUGGESTIONS } from "./limits.ts";

export interface ContactSuggestion {
  name: string;
  address: string;
}

/** How much one message sent to an address counts against one merely seen. */
const SENT_WEIGHT = 5;

/**
 * Remember the addresses of one message: "sent" for what the person sent, "seen" for mail they
 * read. Best effort by design: autocomplete must never make sending or reading fail.
 */
export async function learnContacts(
  accountId: string,
  people: ReadonlyArray<{ name?: string | null; address: string }>,
  kind: "sent" | "seen",
): Promise<void> {
  const db = await getDb().catch((error: unknown) => {
    console.error("letterbox: no database to remember contacts in", error);
    return null;
  });
  if (!db) return;
  const seen = new Set<string>();
  for (const person of people) {
    const checked = checkAddrSpec(person.address ?? "");
    if (!checked.ok) continue;
    const address = checked.value.address.toLowerCase();
    if (seen.has(address)) continue;
    seen.add(address);
    const name = oneLine(person.name ?? "").slice(0, MAX_NAME_CHARS);
    const counts = kind === "sent" ? { sentCount: 1 } : { seenCount: 1 };
    try {
      await db.contact.upsert({
        where: { accountId_address: { accountId, address } },
        create: { accountId, address, name, ...counts, lastUsed: new Date() },
        update: {
          ...(name ? { name } : {}),
          ...(kind === "sent" ? { sentCount: { increment: 1 } } : { seenCount: { increment: 1 } }),
          lastUsed: new Date(),
        },
      });
    } catch (error) {
      console.error("letterbox: could not remember a contact", error);
    }
  }
}

type Party = { name?: string | null; address: string };

/**
 * For the reader: remember who a message read was from and to. Fire and forget, never throws
 * (learnContacts logs its own failures).
 */
export function learnFromReading(
  accountId: string,
  message: { from: Party[]; replyTo?: Party[]; to: Party[]; cc: Party[] },
): void {
  void learnContacts(
    accountId,
    [...message.from, ...(message.replyTo ?? []), ...message.to, ...message.cc],
    "seen",
  );
}

/**
 * Contacts whose address or name contains `query` (case-insensitive), best first: sent to
 * often, seen often, used recently. Filtered here rather than in SQL so SQLite and PostgreSQL
 * match names alike (SQLite's LIKE folds ASCII only, PostgreSQL's not at all).
 */
export async function suggestContacts(
  accountId: string,
  query: string,
): Promise<ContactSuggestion[]> {
  const needle = query.trim().toLowerCase();
  if (needle === "") return [];
  const db = await getDb();
  const rows = await db.contact.findMany({
    where: { accountId },
    orderBy: { lastUsed: "desc" },
    take: CONTACT_SCAN_LIMIT,
  });
  const now = Date.now();
  return rows
    .filter((row) => row.address.includes(needle) || row.name.toLowerCase().includes(needle))
    .map((row) => {
      const days = (now - row.lastUsed.getTime()) / 86_400_000;
      const prefix = row.address.startsWith(needle) || row.name.toLowerCase().startsWith(needle);
      const score =
        (row.sentCount * SENT_WEIGHT + row.seenCount + 1) / (1 + days / 30) + (prefix ? 1000 : 0);
      return { row, score };
    })
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_SUGGESTIONS)
    .map(({ row }) => ({ name: row.name, address: row.address }));
}
