/**
 * SELECT and EXAMINE (RFC 3501 6.3.1–6.3.2) with CONDSTORE and QRESYNC parameters
 * (RFC 7162 3.1.8, 3.2.5), UNSELECT (RFC 3691) and CLOSE (RFC 3501 6.4.2).
 */
import { type CommandArg, mailboxArg, raw } from "../command-builder.ts";
import type { ImapConnection } from "../connection.ts";
import { ImapError } from "../errors.ts";
import { type FetchResult, parseFetch } from "../fetch-parser.ts";
import { applyCode, emptyMailbox, type SelectedMailbox } from "../mailbox-state.ts";
import { type SequenceSetInput, sequenceSet } from "../sequence-set.ts";

export interface SelectOptions {
  /** EXAMINE instead of SELECT: nothing changes, not even \Recent or \Seen. */
  readOnly?: boolean;
  /**
   * QRESYNC (RFC 7162 3.2.5): what the client last knew. The server answers with the UIDs
   * expunged since (VANISHED (EARLIER)) and the flags changed since, in `changes`.
   */
  qresync?: { uidValidity: number; modseq: bigint; knownUids?: SequenceSetInput };
}

export interface SelectResult extends SelectedMailbox {
  /** Everything else the server reported while opening the mailbox, under QRESYNC. */
  changes: { vanished: string[]; fetched: FetchResult[] };
}

export async function select(
  conn: ImapConnection,
  name: string,
  options: SelectOptions = {},
): Promise<SelectResult> {
  const command = options.readOnly ? "EXAMINE" : "SELECT";
  const args: CommandArg[] = [raw(command), mailboxArg(name, conn.utf8)];
  if (options.qresync && conn.enabled.has("QRESYNC")) {
    const q = options.qresync;
    const params: CommandArg[] = [raw(String(q.uidValidity)), raw(q.modseq.toString())];
    if (q.knownUids !== undefined) params.push(raw(sequenceSet(q.knownUids)));
    args.push([raw("QRESYNC"), params]);
  } else if (conn.has("CONDSTORE") && !conn.enabled.has("CONDSTORE")) {
    // RFC 7162 3.1.8: asks for HIGHESTMODSEQ without a separate ENABLE.
    args.push([raw("CONDSTORE")]);
  }
  const mailbox = emptyMailbox(name, options.readOnly ?? false);
  const changes: SelectResult["changes"] = { vanished: [], fetched: [] };
  // RFC 3501 6.3.1: the previous mailbox is deselected as soon as SELECT is sent, even if it fails.
  conn.markSelected(null);
  await conn
    .run({
      name: command,
      args,
      onUntagged: (data) => {
        switch (data.type) {
          case "exists":
            mailbox.exists = data.count;
            return true;
          case "recent":
            mailbox.recent = data.count;
            return true;
          case "flags":
            mailbox.flags = data.flags;
            return true;
          case "status":
            // QRESYNC's [CLOSED] ends the old mailbox's responses; codes after it are ours.
            return data.status === "OK" && applyCode(mailbox, data.code);
          case "vanished":
            changes.vanished.push(data.uids);
            return true;
          case "fetch":
            changes.fetched.push(parseFetch(data.seq, data.items));
            return true;
          default:
            return false;
        }
      },
      onTagged: (response) => {
        if (response.status !== "OK") return;
        applyCode(mailbox, response.code);
        conn.markSelected(mailbox);
      },
    })
    .catch((error: unknown) => {
      conn.markSelected(null);
      throw error;
    });
  return { ...mailbox, changes };
}

/**
 * Leave the mailbox without expunging. UNSELECT (RFC 3691) when offered; otherwise EXAMINE the
 * same mailbox and CLOSE it, since CLOSE on a read-only mailbox expunges nothing (6.4.2).
 */
export async function unselect(conn: ImapConnection): Promise<void> {
  const current = conn.mailbox;
  if (!current) return;
  if (conn.has("UNSELECT")) {
    await conn.run({ name: "UNSELECT", args: [raw("UNSELECT")] });
  } else {
    if (!current.readOnly) await select(conn, current.name, { readOnly: true });
    await conn.run({ name: "CLOSE", args: [raw("CLOSE")] });
  }
  conn.markSelected(null);
}

/** CLOSE: expunge \Deleted messages (unless read-only) and leave the mailbox. */
export async function close(conn: ImapConnection): Promise<void> {
  if (!conn.mailbox)
    throw new ImapError("INVALID_INPUT", "No mailbox is selected", { command: "CLOSE" });
  await conn.run({ name: "CLOSE", args: [raw("CLOSE")] });
  conn.markSelected(null);
}
