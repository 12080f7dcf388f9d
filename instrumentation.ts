/**
 * Runs once when the server starts: creates the data directory and the credentials key on
 * first start, and applies pending migrations, before any request is served.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDb } = await import("./lib/db/client");
  const { serverKey } = await import("./lib/server/crypto/server-key");
  serverKey();
  await getDb();
  // POP3 has no push: every POP3 account is checked on a schedule, paced by its server.
  const { startPop3Scheduler } = await import("./lib/server/pop3/index");
  await startPop3Scheduler();
}
