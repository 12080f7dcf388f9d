import "server-only";
/**
 * Pages of a mailbox, newest first. A page is a range of sequence numbers counted from the
 * end (`EXISTS-49:EXISTS`), so the first screen of a 100,000-message folder costs what the
 * first screen of a 100-message folder costs: one FETCH of 50 messages, never a list of every
 * UID. A search returns UIDs; its pages are slices of that list.
 */
import type { SearchCriteria } from "../../mail/imap/index.ts";
import type { MessagePage } from "../../view-models/mailbox.ts";
import { type ImapContext, withMailbox } from "./imap-pool.ts";
import { toSummary } from "./summaries.ts";

export const PAGE_SIZE = 50;

export interface PageRequest {
  mailbox: string;
  pageIndex: number;
  query?: string;
}

/** What the search box means: the words in the sender, recipients, subject or body. */
export function searchCriteria(query: string): SearchCriteria {
  const text = query.trim();
  return {
    or: [{ or: [{ from: text }, { subject: text }] }, { or: [{ to: text }, { body: text }] }],
  };
}

export async function loadMessagePage(
  context: ImapContext,
  request: PageRequest,
): Promise<MessagePage> {
  const { mailbox, pageIndex } = request;
  return withMailbox(context, mailbox, async (client) => {
    // The connection may have sat selected for a while: NOOP collects EXISTS/EXPUNGE news.
    await client.noop();
    const state = client.mailbox!;
    const base = {
      accountId: context.account.id,
      mailbox,
      pageIndex,
      pageSize: PAGE_SIZE,
    };
    if (request.query?.trim()) {
      const { ids } = await client.search(searchCriteria(request.query));
      const newestFirst = ids.reverse();
      const slice = newestFirst.slice(pageIndex * PAGE_SIZE, (pageIndex + 1) * PAGE_SIZE);
      const messages = slice.length
        ? await client.fetchMessageList(slice, { byUid: true, preview: true })
        : [];
      const order = new Map(slice.map((uid, i) => [uid, i]));
      messages.sort((a, b) => order.get(a.uid)! - order.get(b.uid)!);
      return {
        ...base,
        total: newestFirst.length,
        messages: messages.map(toSummary),
        version: `${state.uidValidity}:${state.exists}:${state.uidNext}:q`,
      };
    }
    const exists = state.exists;
    const high = exists - pageIndex * PAGE_SIZE;
    const low = Math.max(1, high - PAGE_SIZE + 1);
    const messages =
      high >= 1 ? await client.fetchMessageList(`${low}:${high}`, { preview: true }) : [];
    return {
      ...base,
      total: exists,
      messages: messages.map(toSummary),
      version: `${state.uidValidity}:${exists}:${state.uidNext}`,
    };
  });
}
