import "server-only";
/**
 * "All inboxes": every account's inbox merged newest first. Page k needs each account's newest
 * (k + 1) × 50 messages at most — one FETCH of a sequence range per account — merged by date.
 * Deep pages cost more than the first, but the unified view is read from the top.
 */
import type { MailAccount } from "../../generated/prisma-sqlite/client.ts";
import type { UnifiedPage, UnifiedSummary } from "../../view-models/mailbox.ts";
import { describeMailError } from "./describe-error.ts";
import { storeFor } from "./store/store-for.ts";

export const UNIFIED_PAGE_SIZE = 50;

export async function loadUnifiedPage(
  sessionId: string,
  accounts: MailAccount[],
  pageIndex: number,
): Promise<UnifiedPage> {
  const needed = (pageIndex + 1) * UNIFIED_PAGE_SIZE;
  const problems: UnifiedPage["problems"] = [];
  let hasMore = false;
  const perAccount = await Promise.all(
    accounts.map(async (account) => {
      const store = storeFor({ sessionId, account });
      const rows: UnifiedSummary[] = [];
      try {
        let total = 0;
        for (let page = 0; rows.length < needed; page++) {
          const result = await store.page({ mailbox: "INBOX", pageIndex: page });
          total = result.total;
          rows.push(
            ...result.messages.map((m) => ({
              ...m,
              accountId: account.id,
              accountEmail: account.email,
              mailbox: "INBOX",
            })),
          );
          if ((page + 1) * result.pageSize >= result.total) break;
        }
        if (rows.length < total) hasMore = true;
      } catch (error) {
        problems.push({ accountEmail: account.email, message: describeMailError(error).message });
      }
      return rows;
    }),
  );
  const merged = perAccount.flat().sort((a, b) => b.date.localeCompare(a.date));
  if (merged.length > needed) hasMore = true;
  return {
    pageIndex,
    pageSize: UNIFIED_PAGE_SIZE,
    messages: merged.slice(pageIndex * UNIFIED_PAGE_SIZE, needed),
    hasMore,
    problems,
  };
}
