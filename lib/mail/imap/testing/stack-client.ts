/**
 * Test helper for integration tests against the local stack's Dovecot: clients for a stack
 * user over STARTTLS or implicit TLS (trusting the stack's self-signed certificate), and
 * mailbox names unique to this run, since other engineers test against the same stack.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import { mailstack, stackUser } from "@/lib/dev/mailstack";
import { ImapClient, type ImapClientOptions } from "../client.ts";

export function stackTls() {
  return { ca: fs.readFileSync(mailstack.certFile) };
}

export function stackOptions(
  user: "carol" | "dave" | "pl1" | "alice" | "bob" = "carol",
  overrides: Partial<ImapClientOptions> = {},
): ImapClientOptions {
  const account = stackUser(user);
  return {
    host: mailstack.host,
    port: mailstack.ports.imap,
    security: "starttls",
    tlsPolicy: stackTls(),
    auth: { user: account.login, password: account.password },
    ...overrides,
  };
}

export function connectStack(
  user: Parameters<typeof stackOptions>[0] = "carol",
  overrides: Partial<ImapClientOptions> = {},
): Promise<ImapClient> {
  return ImapClient.connect(stackOptions(user, overrides));
}

/** A mailbox name no other test run uses. */
export function uniqueName(prefix = "imap-test"): string {
  return `${prefix}-${Date.now().toString(36)}-${crypto.randomBytes(3).toString("hex")}`;
}

/** A small RFC 5322 message with CRLF line ends. */
export function message(
  fields: { subject?: string; from?: string; to?: string; body?: string; headers?: string[] } = {},
): Buffer {
  const lines = [
    `From: ${fields.from ?? "Alice Liddell <alice@example.test>"}`,
    `To: ${fields.to ?? "Carol Danvers <carol@example.test>"}`,
    `Subject: ${fields.subject ?? "test message"}`,
    "Date: Mon, 03 Feb 2025 10:00:00 +0000",
    `Message-ID: <${crypto.randomUUID()}@example.test>`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
    ...(fields.headers ?? []),
    "",
    fields.body ?? "Hello.",
    "",
  ];
  return Buffer.from(lines.join("\r\n"), "utf8");
}

/**
 * Delete a test's mailbox tree: `root` and everything under it, deepest first (Dovecot also
 * creates \Noselect parents for "a/b/c", which must go too). Already-gone ones are fine.
 */
export async function removeTree(client: ImapClient, root: string): Promise<void> {
  if (client.mailbox) await client.unselect();
  const entries = [
    ...(await client.list({ pattern: root })),
    ...(await client.list({ pattern: `${root}/*` })),
  ];
  const names = entries
    .map((e) => e.name)
    .sort((a, b) => b.split("/").length - a.split("/").length);
  for (const name of names) {
    await client.deleteMailbox(name).catch((error: { serverText?: string }) => {
      if (!/doesn't exist/i.test(error.serverText ?? "")) throw error;
    });
  }
}
