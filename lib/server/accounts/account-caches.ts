import "server-only";
/**
 * Everything Letterbox keeps about an account besides its row: the POP3 store's messages and
 * files (and its scheduled checks). Called when the account is removed, so no copy of its mail
 * outlives it.
 */
import { purgePop3Data } from "../pop3/index.ts";

export async function purgeAccountCaches(accountId: string): Promise<void> {
  await purgePop3Data(accountId);
}
