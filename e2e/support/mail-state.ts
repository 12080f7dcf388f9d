/**
 * What the stack's Dovecot holds, read behind the app's back: end-to-end tests check that what
 * the UI did really reached the server (a flag, a move, a folder name), not only the screen.
 * UIDs and flags through doveadm; folder names through our own IMAP client, which decodes
 * modified UTF-7 (RFC 3501 5.1.3) the way a mail client sees them.
 */
import fs from "node:fs";
import { ImapClient } from "../../lib/mail/imap/index.ts";
import { doveadm } from "../../scripts/mailstack/stack.mjs";
import { mailstack, stackUser } from "./stack.ts";

function tab(output: string): Record<string, string>[] {
  const [head = "", ...rows] = output.trimEnd().split("\n");
  const names = head.split("\t");
  return rows
    .filter((row) => row.length > 0)
    .map((row) => {
      const cells = row.split("\t");
      return Object.fromEntries(names.map((n, i) => [n, cells[i] ?? ""]));
    });
}

/** UIDs of the messages in `mailbox` with this Message-ID (normally one, or none). */
export function uidsOf(login: string, mailbox: string, messageId: string): number[] {
  const out = doveadm([
    "-f",
    "tab",
    "search",
    "-u",
    login,
    "mailbox",
    mailbox,
    "header",
    "Message-ID",
    messageId,
  ]);
  return tab(out).map((row) => Number(row.uid));
}

export function uidOf(login: string, mailbox: string, messageId: string): number {
  const uids = uidsOf(login, mailbox, messageId);
  if (uids.length !== 1) {
    throw new Error(`${messageId} is in ${mailbox} ${uids.length} times, expected once`);
  }
  return uids[0] as number;
}

/** The IMAP flags of one message, e.g. ["\\Seen", "\\Flagged"]. */
export function flagsOf(login: string, mailbox: string, uid: number): string[] {
  const out = doveadm([
    "-f",
    "tab",
    "fetch",
    "-u",
    login,
    "uid flags",
    "mailbox",
    mailbox,
    "uid",
    String(uid),
  ]);
  const row = tab(out)[0];
  if (!row) throw new Error(`no message ${uid} in ${mailbox}`);
  return (row.flags ?? "").split(" ").filter(Boolean);
}

/** How many messages `mailbox` holds. */
export function messageCount(login: string, mailbox: string): number {
  const out = doveadm(["-f", "tab", "mailbox", "status", "-u", login, "messages", mailbox]);
  return Number(tab(out)[0]?.messages ?? Number.NaN);
}

/** Runs `work` with a logged-in IMAP client of a stack user, then logs out. */
export async function withImap<T>(
  localPart: string,
  work: (client: ImapClient) => Promise<T>,
): Promise<T> {
  const user = stackUser(localPart);
  const client = await ImapClient.connect({
    host: mailstack.host,
    port: mailstack.ports.imap,
    security: "starttls",
    tlsPolicy: { ca: fs.readFileSync(mailstack.certFile) },
    auth: { user: user.login, password: user.password },
  });
  try {
    return await work(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** Every mailbox name the server lists for the user (decoded), selectable or not. */
export function folderNames(localPart: string): Promise<string[]> {
  return withImap(localPart, async (client) => (await client.list()).map((f) => f.name));
}
