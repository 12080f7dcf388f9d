/**
 * CREATE, RENAME, DELETE, SUBSCRIBE, UNSUBSCRIBE (RFC 3501 6.3.3–6.3.7). Failures keep the
 * server's response code (ALREADYEXISTS, NONEXISTENT, INUSE ... from RFC 5530) on the error.
 */
import { mailboxArg, raw } from "../command-builder.ts";
import type { ImapConnection } from "../connection.ts";

async function simple(conn: ImapConnection, command: string, ...names: string[]): Promise<void> {
  await conn.run({
    name: command,
    args: [raw(command), ...names.map((n) => mailboxArg(n, conn.utf8))],
  });
}

export function create(conn: ImapConnection, name: string): Promise<void> {
  return simple(conn, "CREATE", name);
}

export function rename(conn: ImapConnection, from: string, to: string): Promise<void> {
  return simple(conn, "RENAME", from, to);
}

export function remove(conn: ImapConnection, name: string): Promise<void> {
  return simple(conn, "DELETE", name);
}

export function subscribe(conn: ImapConnection, name: string): Promise<void> {
  return simple(conn, "SUBSCRIBE", name);
}

export function unsubscribe(conn: ImapConnection, name: string): Promise<void> {
  return simple(conn, "UNSUBSCRIBE", name);
}
