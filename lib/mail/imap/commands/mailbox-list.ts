/**
 * Listing mailboxes: LIST (RFC 3501 6.3.8) with LIST-EXTENDED return options (RFC 5258) for
 * SPECIAL-USE (RFC 6154), CHILDREN and LIST-STATUS (RFC 5819) when offered, LSUB, NAMESPACE
 * (RFC 2342) and STATUS. Names come back decoded (modified UTF-7, or UTF-8 under UTF8=ACCEPT).
 */
import { type CommandArg, mailboxArg, raw, str } from "../command-builder.ts";
import type { ImapConnection } from "../connection.ts";
import { decodeMutf7 } from "../mutf7.ts";
import type { NamespaceEntry, UntaggedResponse } from "../response-parser.ts";

export function decodeName(conn: ImapConnection, name: string): string {
  return conn.utf8 ? name : decodeMutf7(name);
}

export type StatusItem =
  | "MESSAGES"
  | "UNSEEN"
  | "UIDNEXT"
  | "UIDVALIDITY"
  | "HIGHESTMODSEQ"
  | "RECENT"
  | "SIZE";

export interface MailboxStatus {
  messages?: number;
  unseen?: number;
  recent?: number;
  uidNext?: number;
  uidValidity?: number;
  highestModseq?: bigint;
  /** RFC 8438 STATUS=SIZE: total octets. */
  size?: number;
}

const SPECIAL_USE = new Set([
  "\\all",
  "\\archive",
  "\\drafts",
  "\\flagged",
  "\\junk",
  "\\sent",
  "\\trash",
]);

export interface MailboxListEntry {
  /** The full name, decoded. */
  name: string;
  delimiter: string | null;
  /** Attributes exactly as the server sent them (\HasNoChildren, \Sent, \Noselect, ...). */
  attributes: string[];
  /** The RFC 6154 special use (\Sent, \Trash, ...), or null. */
  specialUse: string | null;
  /** False for \Noselect and \NonExistent entries: they name hierarchy, not a mailbox. */
  selectable: boolean;
  /** From \HasChildren / \HasNoChildren when the server said; null when it did not. */
  hasChildren: boolean | null;
  /** LIST-STATUS counts, when requested and offered. */
  status?: MailboxStatus;
  /** RFC 5258 \Subscribed, when the server reported subscription. */
  subscribed?: boolean;
}

export interface ListOptions {
  /** Reference name (RFC 3501 6.3.8); default "". */
  reference?: string;
  /** Pattern with * and % wildcards; default "*". */
  pattern?: string;
  /** Counts to return with each mailbox, through LIST-STATUS when offered. */
  status?: StatusItem[];
}

export async function list(
  conn: ImapConnection,
  options: ListOptions = {},
): Promise<MailboxListEntry[]> {
  const extended = conn.has("LIST-EXTENDED");
  const returns: CommandArg[] = [];
  if (extended) {
    returns.push(raw("CHILDREN"));
    if (conn.has("SPECIAL-USE")) returns.push(raw("SPECIAL-USE"));
  }
  const statusItems = supportedStatusItems(conn, options.status ?? []);
  const listStatus = statusItems.length > 0 && conn.has("LIST-STATUS");
  if (listStatus)
    returns.push(
      raw("STATUS"),
      statusItems.map((i) => raw(i)),
    );
  const args: CommandArg[] = [
    raw("LIST"),
    patternArg(conn, options.reference ?? ""),
    patternArg(conn, options.pattern ?? "*"),
  ];
  if (returns.length > 0) args.push(raw("RETURN"), returns);
  const entries: MailboxListEntry[] = [];
  const rawNames: string[] = [];
  const statuses = new Map<string, MailboxStatus>();
  await conn.run({
    name: "LIST",
    args,
    onUntagged: (data) => {
      if (data.type === "list") {
        entries.push(toEntry(conn, data.data));
        rawNames.push(data.data.name);
        return true;
      }
      if (data.type === "mailbox-status" && listStatus) {
        statuses.set(data.mailbox, toStatus(data.items));
        return true;
      }
      return false;
    },
  });
  if (listStatus) {
    entries.forEach((entry, index) => {
      const status = statuses.get(rawNames[index]!);
      if (status) entry.status = status;
    });
  } else if (statusItems.length > 0) {
    // No LIST-STATUS: one STATUS per selectable mailbox, one after another on this connection.
    for (const entry of entries) {
      if (entry.selectable) entry.status = await status(conn, entry.name, statusItems);
    }
  }
  return entries;
}

/** LSUB (RFC 3501 6.3.9): the subscribed mailboxes. */
export async function listSubscribed(
  conn: ImapConnection,
  options: Omit<ListOptions, "status"> = {},
): Promise<MailboxListEntry[]> {
  const entries: MailboxListEntry[] = [];
  await conn.run({
    name: "LSUB",
    args: [
      raw("LSUB"),
      patternArg(conn, options.reference ?? ""),
      patternArg(conn, options.pattern ?? "*"),
    ],
    onUntagged: (data) => {
      if (data.type !== "lsub") return false;
      entries.push({ ...toEntry(conn, data.data), subscribed: true });
      return true;
    },
  });
  return entries;
}

/** A list pattern may hold wildcards but, like a name, never control characters. */
function patternArg(conn: ImapConnection, pattern: string): CommandArg {
  if (pattern === "") return str("");
  return mailboxArg(pattern, conn.utf8);
}

function toEntry(
  conn: ImapConnection,
  data: { attributes: string[]; delimiter: string | null; name: string },
): MailboxListEntry {
  const lower = data.attributes.map((a) => a.toLowerCase());
  const special = data.attributes.find((a) => SPECIAL_USE.has(a.toLowerCase())) ?? null;
  const entry: MailboxListEntry = {
    name: data.name.toUpperCase() === "INBOX" ? "INBOX" : decodeName(conn, data.name),
    delimiter: data.delimiter,
    attributes: data.attributes,
    specialUse: special,
    selectable: !lower.includes("\\noselect") && !lower.includes("\\nonexistent"),
    hasChildren: lower.includes("\\haschildren")
      ? true
      : lower.includes("\\hasnochildren")
        ? false
        : null,
  };
  if (lower.includes("\\subscribed")) entry.subscribed = true;
  return entry;
}

function supportedStatusItems(conn: ImapConnection, items: StatusItem[]): StatusItem[] {
  return items.filter((item) => {
    if (item === "HIGHESTMODSEQ") return conn.has("CONDSTORE") || conn.has("QRESYNC");
    if (item === "SIZE") return conn.has("STATUS=SIZE");
    return true;
  });
}

function toStatus(items: Map<string, bigint>): MailboxStatus {
  const out: MailboxStatus = {};
  const n = (key: string) => (items.has(key) ? Number(items.get(key)) : undefined);
  if (items.has("MESSAGES")) out.messages = n("MESSAGES");
  if (items.has("UNSEEN")) out.unseen = n("UNSEEN");
  if (items.has("RECENT")) out.recent = n("RECENT");
  if (items.has("UIDNEXT")) out.uidNext = n("UIDNEXT");
  if (items.has("UIDVALIDITY")) out.uidValidity = n("UIDVALIDITY");
  if (items.has("SIZE")) out.size = n("SIZE");
  if (items.has("HIGHESTMODSEQ")) out.highestModseq = items.get("HIGHESTMODSEQ");
  return out;
}

const DEFAULT_STATUS: StatusItem[] = [
  "MESSAGES",
  "UNSEEN",
  "UIDNEXT",
  "UIDVALIDITY",
  "HIGHESTMODSEQ",
];

/** STATUS (RFC 3501 6.3.10); HIGHESTMODSEQ only when CONDSTORE is offered. */
export async function status(
  conn: ImapConnection,
  mailbox: string,
  items: StatusItem[] = DEFAULT_STATUS,
): Promise<MailboxStatus> {
  const wanted = supportedStatusItems(conn, items);
  let result: MailboxStatus = {};
  await conn.run({
    name: "STATUS",
    args: [raw("STATUS"), mailboxArg(mailbox, conn.utf8), wanted.map((i) => raw(i))],
    onUntagged: (data: UntaggedResponse) => {
      if (data.type !== "mailbox-status") return false;
      result = toStatus(data.items);
      return true;
    },
  });
  return result;
}

export interface Namespaces {
  personal: NamespaceEntry[];
  other: NamespaceEntry[];
  shared: NamespaceEntry[];
}

/** NAMESPACE (RFC 2342); without the extension, one personal namespace "" with LIST's delimiter. */
export async function namespace(conn: ImapConnection): Promise<Namespaces> {
  if (!conn.has("NAMESPACE")) {
    let delimiter: string | null = null;
    await conn.run({
      name: "LIST",
      args: [raw("LIST"), str(""), str("")],
      onUntagged: (data) => {
        if (data.type !== "list") return false;
        delimiter = data.data.delimiter;
        return true;
      },
    });
    return { personal: [{ prefix: "", delimiter }], other: [], shared: [] };
  }
  let result: Namespaces = { personal: [], other: [], shared: [] };
  await conn.run({
    name: "NAMESPACE",
    args: [raw("NAMESPACE")],
    onUntagged: (data) => {
      if (data.type !== "namespace") return false;
      const decode = (entries: NamespaceEntry[]) =>
        entries.map((e) => ({ prefix: decodeName(conn, e.prefix), delimiter: e.delimiter }));
      result = {
        personal: decode(data.personal),
        other: decode(data.other),
        shared: decode(data.shared),
      };
      return true;
    },
  });
  return result;
}
