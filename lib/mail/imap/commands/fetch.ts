/**
 * FETCH and UID FETCH (RFC 3501 6.4.5): by UID or by sequence-number range, with CHANGEDSINCE
 * (RFC 7162 3.1.4), BINARY (RFC 3516) and PREVIEW (RFC 8970) when offered; results delivered
 * one by one (a 10,000-message fetch never has to be held) or collected.
 */
import { type CommandArg, isAtom, raw } from "../command-builder.ts";
import type { ImapConnection } from "../connection.ts";
import { invalidInput } from "../errors.ts";
import { type FetchResult, parseFetch } from "../fetch-parser.ts";
import type { LiteralRouter } from "../framer.ts";
import { type SequenceSetInput, sequenceSet } from "../sequence-set.ts";

export interface BodyRequest {
  /** "" (whole message), "1.2", "TEXT", "HEADER", "1.MIME", "HEADER.FIELDS (FROM TO)" ... */
  section: string;
  /** Only these octets (RFC 3501 `<start.length>`). */
  partial?: { start: number; length: number };
  /** Fetch the decoded content with BINARY.PEEK when the server offers BINARY. */
  binary?: boolean;
}

export interface FetchQuery {
  flags?: boolean;
  envelope?: boolean;
  bodyStructure?: boolean;
  internalDate?: boolean;
  size?: boolean;
  /** MODSEQ of each message (CONDSTORE). */
  modseq?: boolean;
  /** RFC 8970 PREVIEW, when offered; ignored otherwise. */
  preview?: boolean;
  /** BODY.PEEK[HEADER.FIELDS (...)] for these header names, or the whole header with `true`. */
  headers?: string[] | true;
  /** Body sections, always with .PEEK so fetching never sets \Seen. */
  bodies?: BodyRequest[];
  /** OBJECTID (RFC 8474) EMAILID and THREADID, when offered. */
  objectIds?: boolean;
}

export interface FetchOptions {
  /** The range is UIDs (UID FETCH) rather than sequence numbers. */
  byUid?: boolean;
  /** Only messages whose MODSEQ is above this (CHANGEDSINCE, RFC 7162). */
  changedSince?: bigint;
  /** With changedSince under QRESYNC: also report expunged UIDs (VANISHED, RFC 7162 3.2.6). */
  vanished?: boolean;
}

// RFC 3501 section 9, section-spec: part numbers, then an optional HEADER/TEXT/MIME suffix.
const SECTION =
  /^(?:\d+(?:\.\d+)*)?(?:(?:^|\.)(?:HEADER|TEXT|MIME|HEADER\.FIELDS(?:\.NOT)? \((.+)\)))?$/i;

export function sectionSpec(section: string): string {
  const m = SECTION.exec(section);
  if (!m || /^\./.test(section) || (/MIME$/i.test(section) && !/^\d/.test(section))) {
    throw invalidInput(`${JSON.stringify(section)} is not a body section`);
  }
  if (m[1] !== undefined) {
    for (const name of m[1].split(" ")) {
      if (!isAtom(name) || name.includes("[")) {
        throw invalidInput(`${JSON.stringify(name)} is not a header field name`);
      }
    }
  }
  return section.toUpperCase();
}

function bodyItem(request: BodyRequest, binaryOffered: boolean): string {
  const section = sectionSpec(request.section);
  const useBinary = request.binary === true && binaryOffered;
  if (useBinary && !/^[\d.]*$/.test(section)) {
    throw invalidInput("BINARY takes only part numbers (RFC 3516 section 4.2)");
  }
  let item = `${useBinary ? "BINARY" : "BODY"}.PEEK[${section}]`;
  if (request.partial) {
    const { start, length } = request.partial;
    if (!Number.isSafeInteger(start) || start < 0 || !Number.isSafeInteger(length) || length < 1) {
      throw invalidInput("A partial fetch needs start >= 0 and length >= 1");
    }
    item += `<${start}.${length}>`;
  }
  return item;
}

export function fetchItems(conn: ImapConnection, query: FetchQuery): CommandArg[] {
  const items: string[] = ["UID"];
  if (query.flags) items.push("FLAGS");
  if (query.envelope) items.push("ENVELOPE");
  if (query.bodyStructure) items.push("BODYSTRUCTURE");
  if (query.internalDate) items.push("INTERNALDATE");
  if (query.size) items.push("RFC822.SIZE");
  if (query.modseq && (conn.has("CONDSTORE") || conn.has("QRESYNC"))) items.push("MODSEQ");
  if (query.preview && conn.has("PREVIEW")) items.push("PREVIEW");
  if (query.objectIds && conn.has("OBJECTID")) items.push("EMAILID", "THREADID");
  if (query.headers === true) items.push("BODY.PEEK[HEADER]");
  else if (query.headers && query.headers.length > 0) {
    items.push(bodyItem({ section: `HEADER.FIELDS (${query.headers.join(" ")})` }, false));
  }
  for (const request of query.bodies ?? []) items.push(bodyItem(request, conn.has("BINARY")));
  return items.map((item) => raw(item));
}

export interface FetchRun {
  query: FetchQuery;
  options?: FetchOptions;
  /** Each message as it arrives. */
  onMessage: (message: FetchResult) => void;
  literalRouter?: LiteralRouter;
}

/** Run one FETCH; messages go to `onMessage` as they are parsed. */
export async function fetchEach(
  conn: ImapConnection,
  range: SequenceSetInput,
  run: FetchRun,
): Promise<{ vanished: string[] }> {
  const options = run.options ?? {};
  const args: CommandArg[] = [];
  if (options.byUid) args.push(raw("UID"));
  args.push(raw("FETCH"), raw(sequenceSet(range)), fetchItems(conn, run.query));
  if (options.changedSince !== undefined) {
    const modifiers: CommandArg[] = [raw("CHANGEDSINCE"), raw(options.changedSince.toString())];
    if (options.vanished && options.byUid && conn.enabled.has("QRESYNC"))
      modifiers.push(raw("VANISHED"));
    args.push(modifiers);
  }
  const vanished: string[] = [];
  await conn.run({
    name: options.byUid ? "UID FETCH" : "FETCH",
    args,
    literalRouter: run.literalRouter,
    onUntagged: (data) => {
      if (data.type === "vanished" && data.earlier) {
        vanished.push(data.uids);
        return true;
      }
      if (data.type !== "fetch") return false;
      const message = parseFetch(data.seq, data.items);
      // A FETCH with no UID for a UID FETCH is an unsolicited flag update (RFC 3501 7.4.2).
      if (options.byUid && message.uid === undefined) return false;
      run.onMessage(message);
      return true;
    },
  });
  return { vanished };
}

/**
 * Collect a FETCH's results in the order the server sent them. A server may answer for one
 * message in several FETCH responses (RFC 3501 7.4.2); those are merged into one record.
 */
export async function fetch(
  conn: ImapConnection,
  range: SequenceSetInput,
  query: FetchQuery,
  options: FetchOptions = {},
): Promise<FetchResult[]> {
  const bySeq = new Map<number, FetchResult>();
  await fetchEach(conn, range, {
    query,
    options,
    onMessage: (message) => {
      const seen = bySeq.get(message.seq);
      if (seen) mergeFetch(seen, message);
      else bySeq.set(message.seq, message);
    },
  });
  return [...bySeq.values()];
}

export function mergeFetch(into: FetchResult, from: FetchResult): void {
  const { sections, binary, binarySize, ...rest } = from;
  for (const [key, value] of Object.entries(rest)) {
    if (value !== undefined) (into as unknown as Record<string, unknown>)[key] = value;
  }
  for (const [key, value] of sections) into.sections.set(key, value);
  for (const [key, value] of binary) into.binary.set(key, value);
  for (const [key, value] of binarySize) into.binarySize.set(key, value);
}
