/**
 * What untagged data does to the session whoever asked for it (capabilities, ENABLED, BYE,
 * the selected mailbox's counts and flags), and which of it becomes an event when no command
 * claimed it: RFC 3501 section 7 lets the server send EXISTS, EXPUNGE, FETCH and FLAGS at any
 * time, and RFC 7162 3.2.10 replaces EXPUNGE with VANISHED once QRESYNC is on.
 */
import type { ImapEvents } from "./command-spec.ts";
import { applyCode, countUidSet, type SelectedMailbox } from "./mailbox-state.ts";
import { type ResponseCode, stringOf, type UntaggedResponse } from "./response-parser.ts";

/** The parts of a session that untagged data changes. */
export interface SessionView {
  mailbox: SelectedMailbox | null;
  enabled: Set<string>;
  setCapabilities(list: Iterable<string>): void;
  noteBye(bye: { text: string; code: ResponseCode | null }): void;
}

export function applyUntagged(session: SessionView, data: UntaggedResponse): void {
  const mailbox = session.mailbox;
  switch (data.type) {
    case "capability":
      session.setCapabilities(data.capabilities);
      return;
    case "enabled":
      for (const c of data.capabilities) session.enabled.add(c.toUpperCase());
      return;
    case "status":
      if (data.code?.name === "CAPABILITY") session.setCapabilities(data.code.args.map(String));
      if (data.status === "BYE") session.noteBye({ text: data.text, code: data.code });
      if (mailbox && data.status === "OK") applyCode(mailbox, data.code);
      return;
    case "exists":
      if (mailbox) mailbox.exists = data.count;
      return;
    case "recent":
      if (mailbox) mailbox.recent = data.count;
      return;
    case "expunge":
      if (mailbox && mailbox.exists > 0) mailbox.exists--;
      return;
    case "vanished":
      if (mailbox && !data.earlier) {
        mailbox.exists = Math.max(0, mailbox.exists - countUidSet(data.uids));
      }
      return;
    case "flags":
      if (mailbox) mailbox.flags = data.flags;
      return;
    default:
      return;
  }
}

export type UnsolicitedEvent = {
  [K in keyof ImapEvents]: { name: K; payload: ImapEvents[K] };
}[keyof ImapEvents];

/** The event for data no command claimed, or null; `previous` is EXISTS before this data. */
export function unsolicitedEvent(
  data: UntaggedResponse,
  mailbox: string,
  previous: number,
): UnsolicitedEvent | null {
  switch (data.type) {
    case "exists":
      return { name: "exists", payload: { mailbox, count: data.count, previous } };
    case "expunge":
      return { name: "expunge", payload: { mailbox, seq: data.seq } };
    case "vanished":
      return { name: "vanished", payload: { mailbox, uids: data.uids, earlier: data.earlier } };
    case "flags":
      return { name: "mailboxFlags", payload: { mailbox, flags: data.flags } };
    case "fetch":
      return { name: "flags", payload: { mailbox, ...fetchFlags(data.seq, data.items) } };
    case "status":
      return data.code?.name === "ALERT" ? { name: "alert", payload: { text: data.text } } : null;
    default:
      return null;
  }
}

function fetchFlags(seq: number, items: unknown[]) {
  const out: { seq: number; uid?: number; flags?: string[]; modseq?: bigint; items: unknown[] } = {
    seq,
    items,
  };
  for (let i = 0; i + 1 < items.length; i += 2) {
    const key = typeof items[i] === "string" ? (items[i] as string).toUpperCase() : "";
    const value = items[i + 1];
    if (key === "UID") out.uid = Number(value);
    else if (key === "FLAGS" && Array.isArray(value)) {
      out.flags = value.map((v) => stringOf(v)).filter((v): v is string => v !== null);
    } else if (key === "MODSEQ" && Array.isArray(value) && typeof value[0] === "string") {
      out.modseq = BigInt(value[0]);
    }
  }
  return out;
}
