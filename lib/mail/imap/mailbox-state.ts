/**
 * What the client knows about the selected mailbox: everything SELECT/EXAMINE reported
 * (RFC 3501 section 6.3.1, RFC 7162 HIGHESTMODSEQ), kept current by unsolicited EXISTS,
 * EXPUNGE, VANISHED and FLAGS while the mailbox stays selected.
 */
import { codeBigInt, codeNumber, type ResponseCode, stringOf } from "./response-parser.ts";

export interface SelectedMailbox {
  /** The name as the caller gave it (decoded). */
  name: string;
  readOnly: boolean;
  exists: number;
  recent: number;
  flags: string[];
  /** Flags that can be changed permanently; "\\*" means new keywords may be created. */
  permanentFlags: string[];
  uidValidity: number | null;
  uidNext: number | null;
  /** Sequence number of the first unseen message, when the server said (UNSEEN code). */
  firstUnseen: number | null;
  /** CONDSTORE (RFC 7162); null with NOMODSEQ or when CONDSTORE is off. */
  highestModseq: bigint | null;
  noModseq: boolean;
  /** OBJECTID (RFC 8474) MAILBOXID, when reported. */
  mailboxId: string | null;
}

export function emptyMailbox(name: string, readOnly: boolean): SelectedMailbox {
  return {
    name,
    readOnly,
    exists: 0,
    recent: 0,
    flags: [],
    permanentFlags: [],
    uidValidity: null,
    uidNext: null,
    firstUnseen: null,
    highestModseq: null,
    noModseq: false,
    mailboxId: null,
  };
}

/** Apply a response code from an untagged OK or the tagged reply; true if it changed state. */
export function applyCode(mailbox: SelectedMailbox, code: ResponseCode | null): boolean {
  if (!code) return false;
  switch (code.name) {
    case "UIDVALIDITY":
      mailbox.uidValidity = codeNumber(code);
      return true;
    case "UIDNEXT":
      mailbox.uidNext = codeNumber(code);
      return true;
    case "UNSEEN":
      mailbox.firstUnseen = codeNumber(code);
      return true;
    case "HIGHESTMODSEQ":
      mailbox.highestModseq = codeBigInt(code);
      return true;
    case "NOMODSEQ":
      mailbox.noModseq = true;
      mailbox.highestModseq = null;
      return true;
    case "PERMANENTFLAGS": {
      const list = code.args[0];
      mailbox.permanentFlags = Array.isArray(list)
        ? list.map((f) => stringOf(f)).filter((f): f is string => f !== null)
        : [];
      return true;
    }
    case "READ-ONLY":
      mailbox.readOnly = true;
      return true;
    case "READ-WRITE":
      mailbox.readOnly = false;
      return true;
    case "MAILBOXID": {
      const list = code.args[0];
      mailbox.mailboxId = Array.isArray(list) ? stringOf(list[0]) : null;
      return true;
    }
    default:
      return false;
  }
}

/** Count the UIDs in a VANISHED set (RFC 7162 3.2.10) without expanding huge ranges. */
export function countUidSet(set: string): number {
  let count = 0;
  for (const part of set.split(",")) {
    const [a, b] = part.split(":");
    count += b === undefined ? 1 : Math.abs(Number(b) - Number(a)) + 1;
  }
  return count;
}
