/**
 * carol's maildrop on the local stack's Dovecot, for the POP3 store's integration tests (no
 * other test deletes from it; each test resets it first).
 */
import fs from "node:fs";
import { mailstack, stackUser } from "../../../dev/mailstack.ts";
import { Pop3Client, type Pop3ClientOptions } from "../../../mail/pop3/index.ts";

export const carol = stackUser("carol");

export function carolOptions(): Pop3ClientOptions {
  return {
    host: mailstack.host,
    port: mailstack.ports.pop3,
    security: "starttls",
    tlsPolicy: { ca: fs.readFileSync(mailstack.certFile) },
    auth: { user: carol.login, password: carol.password },
  };
}

/** What Dovecot holds for carol, by unique-id, seen in a session of the test's own. */
export async function serverUidls(): Promise<string[]> {
  const client = await Pop3Client.connect(carolOptions());
  try {
    return (await client.uidl()).map((u) => u.uid);
  } finally {
    await client.quit();
  }
}

/** A fixed day in January 2026, for Date headers that sort. */
export function day(n: number): Date {
  return new Date(Date.UTC(2026, 0, n, 9, 30));
}
