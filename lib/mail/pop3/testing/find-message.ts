/**
 * Find a message in a POP3 maildrop by its Message-ID (POP3 has no SEARCH): TOP n 0 from the
 * newest down. For integration tests on a mailbox others also deliver to.
 */
import type { Pop3Client } from "../client.ts";

export async function findByMessageId(
  client: Pop3Client,
  messageId: string,
): Promise<number | undefined> {
  const { count } = await client.stat();
  for (let id = count; id >= 1; id--) {
    const head = (await client.top(id, 0)).toString("utf8");
    const found = head
      .split("\r\n")
      .some((line) => /^message-id:/i.test(line) && line.slice(11).trim() === messageId);
    if (found) return id;
  }
  return undefined;
}
