/**
 * `npm run -s mail -- imap <command> [options]` over lib/mail/imap:
 *   mailboxes                      every mailbox with its message and unseen counts
 *   messages <mailbox> [--page N]  a page of messages, newest first (by sequence numbers)
 *   source <mailbox> <uid>         one message's raw source, streamed to stdout
 * Connection options fall back to IMAP_* and then MAILSTACK_* environment variables
 * (`eval "$(npm run -s mailstack env)"` sets the latter for the local test stack).
 */
import type { Writable } from "node:stream";
import { ImapClient, type ImapClientOptions, newestRange } from "../imap/index.ts";
import { connectionFlags, option, type ParsedArgs, parseArgs } from "./args.ts";

const USAGE = `usage: mail imap <mailboxes | messages MAILBOX [--page N] [--count N] | source MAILBOX UID>
  --host H --port P (--tls | --starttls | --plain) --user U [--password P | env IMAP_PASSWORD]
  [--ca FILE] [--transcript]
`;

const env = process.env;

function connectOptions(args: ParsedArgs): ImapClientOptions {
  const { security, tlsPolicy, transcript } = connectionFlags(
    args,
    "plain",
    env.IMAP_CA,
    env.MAILSTACK_CERT,
  );
  const defaultPort =
    security === "tls"
      ? (env.IMAP_PORT ?? env.MAILSTACK_IMAPS_PORT ?? "993")
      : (env.IMAP_PORT ?? env.MAILSTACK_IMAP_PORT ?? "143");
  const host = option(args, "host", env.IMAP_HOST ?? env.MAILSTACK_HOST);
  const port = Number(option(args, "port", defaultPort));
  const user = option(args, "user", env.IMAP_USER);
  const password = option(args, "password", env.IMAP_PASSWORD);
  const options: ImapClientOptions = {
    host,
    port,
    security,
    auth: { user, password },
    tlsPolicy,
    transcript,
  };
  return options;
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, {
    values: ["host", "port", "user", "password", "ca", "page", "count"],
    flags: ["tls", "starttls", "plain", "transcript", "help"],
  });
  const [command, ...rest] = args.positionals;
  if (!command || args.flags.has("help")) {
    process.stderr.write(USAGE);
    return command ? 0 : 2;
  }
  const commands: Record<string, (client: ImapClient) => Promise<number>> = {
    mailboxes: (client) => mailboxes(client),
    messages: (client) => messages(client, rest, args),
    source: (client) => source(client, rest),
  };
  const handler = commands[command];
  if (!handler) {
    process.stderr.write(`unknown imap command ${command}\n${USAGE}`);
    return 2;
  }
  const client = await ImapClient.connect(connectOptions(args));
  try {
    return await handler(client);
  } finally {
    await client.logout();
  }
}

async function mailboxes(client: ImapClient): Promise<number> {
  const entries = await client.list({ status: ["MESSAGES", "UNSEEN"] });
  entries.sort((a, b) =>
    a.name === "INBOX" ? -1 : b.name === "INBOX" ? 1 : a.name.localeCompare(b.name),
  );
  const width = Math.max(7, ...entries.map((e) => e.name.length));
  process.stdout.write(`${"MAILBOX".padEnd(width)}  MESSAGES  UNSEEN  SPECIAL-USE\n`);
  for (const entry of entries) {
    const messages = entry.status?.messages ?? (entry.selectable ? "?" : "-");
    const unseen = entry.status?.unseen ?? (entry.selectable ? "?" : "-");
    process.stdout.write(
      `${printable(entry.name).padEnd(width)}  ${String(messages).padStart(8)}  ${String(unseen).padStart(6)}  ${entry.specialUse ?? ""}\n`,
    );
  }
  return 0;
}

async function messages(client: ImapClient, rest: string[], args: ParsedArgs): Promise<number> {
  const [mailbox] = rest;
  if (!mailbox) throw new Error("messages needs a MAILBOX");
  const page = Number(option(args, "page", "0"));
  const count = Number(option(args, "count", "50"));
  const selected = await client.examine(mailbox);
  const range = newestRange(selected.exists, count, page);
  process.stdout.write(`${printable(mailbox)}: ${selected.exists} messages\n`);
  if (!range) return 0;
  const list = await client.fetchMessageList(range, { bodyStructure: false });
  for (const m of list) {
    const from = m.envelope?.from[0];
    const who = from ? (from.name ?? from.address) : "";
    const date =
      (m.envelope?.date ?? m.internalDate)?.toISOString().slice(0, 16).replace("T", " ") ?? "";
    const seen = m.flags.includes("\\Seen") ? " " : "*";
    process.stdout.write(
      `${String(m.uid).padStart(7)} ${seen} ${date.padEnd(16)}  ${printable(who).slice(0, 24).padEnd(24)}  ${printable(m.envelope?.subject ?? "(no subject)").slice(0, 60)}  ${m.size}\n`,
    );
  }
  return 0;
}

async function source(client: ImapClient, rest: string[]): Promise<number> {
  const [mailbox, uidText] = rest;
  const uid = Number(uidText);
  if (!mailbox || !Number.isInteger(uid) || uid < 1) throw new Error("source needs MAILBOX UID");
  await client.examine(mailbox);
  await client.download(uid, { section: "" }, (chunk) =>
    writeWithBackpressure(process.stdout, chunk),
  );
  return 0;
}

function writeWithBackpressure(stream: Writable, chunk: Buffer): Promise<void> | undefined {
  if (stream.write(chunk)) return undefined;
  return new Promise((resolve) => stream.once("drain", () => resolve()));
}

/** Server-supplied text shown in a terminal: control characters could rewrite the screen. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, "\uFFFD");
}
