/**
 * COPY, MOVE (RFC 6851) and EXPUNGE / UID EXPUNGE (RFC 4315). The COPYUID response code
 * (UIDPLUS) maps each source UID to its new UID in the destination.
 */
import { mailboxArg, raw } from "../command-builder.ts";
import type { ImapConnection } from "../connection.ts";
import { ImapError } from "../errors.ts";
import type { ResponseCode } from "../response-parser.ts";
import { expandSequenceSet, type SequenceSetInput, sequenceSet } from "../sequence-set.ts";
import { store } from "./store.ts";

export interface CopyResult {
  /** UIDVALIDITY of the destination, when the server reported COPYUID. */
  uidValidity: number | null;
  /** Source UID → destination UID, when the server reported COPYUID. */
  uidMap: Map<number, number>;
}

function copyUid(code: ResponseCode | null, into: CopyResult): void {
  if (code?.name !== "COPYUID") return;
  const [validity, source, destination] = code.args;
  if (typeof validity !== "string" || typeof source !== "string" || typeof destination !== "string")
    return;
  const from = expandSequenceSet(source);
  const to = expandSequenceSet(destination);
  if (from.length !== to.length) return;
  into.uidValidity = Number(validity);
  for (let i = 0; i < from.length; i++) into.uidMap.set(from[i]!, to[i]!);
}

export async function copy(
  conn: ImapConnection,
  range: SequenceSetInput,
  destination: string,
  options: { byUid?: boolean } = {},
): Promise<CopyResult> {
  const result: CopyResult = { uidValidity: null, uidMap: new Map() };
  await conn.run({
    name: options.byUid ? "UID COPY" : "COPY",
    args: [
      ...(options.byUid ? [raw("UID")] : []),
      raw("COPY"),
      raw(sequenceSet(range)),
      mailboxArg(destination, conn.utf8),
    ],
    onTagged: (response) => copyUid(response.code, result),
  });
  return result;
}

/**
 * MOVE when offered. Otherwise the RFC 6851 section 3.3 fallback: COPY, then STORE +FLAGS
 * \Deleted, then UID EXPUNGE of exactly those UIDs (UIDPLUS). Without UIDPLUS the last step
 * can only be a plain EXPUNGE, which also removes any other message already marked \Deleted
 * in this mailbox — the only way left to finish the move, so it is what we do.
 */
export async function move(
  conn: ImapConnection,
  range: SequenceSetInput,
  destination: string,
  options: { byUid?: boolean } = {},
): Promise<CopyResult> {
  if (!conn.has("MOVE")) {
    const result = await copy(conn, range, destination, options);
    await store(conn, range, "add", ["\\Deleted"], { byUid: options.byUid, silent: true });
    if (options.byUid && conn.has("UIDPLUS")) await uidExpunge(conn, range);
    else await expunge(conn);
    return result;
  }
  const result: CopyResult = { uidValidity: null, uidMap: new Map() };
  await conn.run({
    name: options.byUid ? "UID MOVE" : "MOVE",
    args: [
      ...(options.byUid ? [raw("UID")] : []),
      raw("MOVE"),
      raw(sequenceSet(range)),
      mailboxArg(destination, conn.utf8),
    ],
    // RFC 6851 4.3: COPYUID comes in an untagged OK before the EXPUNGEs (or on the tagged OK).
    onUntagged: (data) => {
      if (data.type === "status" && data.code?.name === "COPYUID") {
        copyUid(data.code, result);
        return true;
      }
      return false;
    },
    onTagged: (response) => copyUid(response.code, result),
  });
  return result;
}

export interface ExpungeResult {
  /** Sequence numbers reported by EXPUNGE responses, in order (each shifts the next). */
  expunged: number[];
  /** UID sets reported by VANISHED (under QRESYNC). */
  vanished: string[];
}

function expungeCollector(result: ExpungeResult) {
  return (data: { type: string; seq?: number; uids?: string; earlier?: boolean }) => {
    if (data.type === "expunge") result.expunged.push(data.seq!);
    else if (data.type === "vanished" && !data.earlier) result.vanished.push(data.uids!);
    // Still reported as events: other views of this mailbox must learn of the change.
    return false;
  };
}

export async function expunge(conn: ImapConnection): Promise<ExpungeResult> {
  const result: ExpungeResult = { expunged: [], vanished: [] };
  await conn.run({ name: "EXPUNGE", args: [raw("EXPUNGE")], onUntagged: expungeCollector(result) });
  return result;
}

/** UID EXPUNGE (RFC 4315 2.1): only these UIDs, never other \Deleted messages. */
export async function uidExpunge(
  conn: ImapConnection,
  uids: SequenceSetInput,
): Promise<ExpungeResult> {
  if (!conn.has("UIDPLUS")) {
    throw new ImapError("INVALID_INPUT", "The server does not offer UIDPLUS (UID EXPUNGE)", {
      command: "UID EXPUNGE",
    });
  }
  const result: ExpungeResult = { expunged: [], vanished: [] };
  await conn.run({
    name: "UID EXPUNGE",
    args: [raw("UID"), raw("EXPUNGE"), raw(sequenceSet(uids))],
    onUntagged: expungeCollector(result),
  });
  return result;
}
