/**
 * Find a message in a POP3 maildrop by its Message-ID (POP3 has no SEARCH): TOP n 0 from the
 * newest down. For integration tests on a mailbox others also deliver to.
 */
import type { Pop3Client } from "../client.js";

export async function findByMessageId(
  client: Pop3Client,
  messageId: string,
): Promise<number | undefined> {
  const { count } = await client.stat();
  for (let id = count; id >= 1; id--) {
    const head = (await client.top(id, 0)).toString("utf8");
    if (new RegExp(`^Message-ID:\\s*${escape(messageId)}\\s*$`, "im").test(head)) return id;
  }
  return undefined;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
