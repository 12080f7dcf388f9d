/**
 * SEARCH (RFC 3501 6.4.4) with CHARSET UTF-8 for non-ASCII terms, ESEARCH (RFC 4731) when
 * offered so large results come compact, and SORT (RFC 5256). Every term a person typed is a
 * quoted string or a literal (command-builder.ts), so `foo") OR (ALL` is searched for, not
 * obeyed, and a term with CR LF travels as a literal whose length counts bytes.
 */
import { type CommandArg, flagArg, raw, str } from "../command-builder.ts";
import type { ImapConnection } from "../connection.ts";
import { ImapError, invalidInput } from "../errors.ts";
import { expandSequenceSet, type SequenceSetInput, sequenceSet } from "../sequence-set.ts";

export interface SearchCriteria {
  all?: boolean;
  seen?: boolean;
  answered?: boolean;
  flagged?: boolean;
  deleted?: boolean;
  draft?: boolean;
  keyword?: string;
  unkeyword?: string;
  from?: string;
  to?: string;
  cc?: string;
  bcc?: string;
  subject?: string;
  body?: string;
  text?: string;
  /** Header name and the text its value must contain. */
  header?: [string, string];
  /** Internal date (arrival), by day (RFC 3501 ignores the time). */
  since?: Date;
  before?: Date;
  on?: Date;
  /** Date: header, by day. */
  sentSince?: Date;
  sentBefore?: Date;
  larger?: number;
  smaller?: number;
  uid?: SequenceSetInput;
  seq?: SequenceSetInput;
  /** MODSEQ greater than or equal (CONDSTORE). */
  modseq?: bigint;
  or?: [SearchCriteria, SearchCriteria];
  not?: SearchCriteria;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function searchDate(date: Date): CommandArg {
  if (Number.isNaN(date.getTime())) throw invalidInput("Not a valid date");
  return raw(`${date.getUTCDate()}-${MONTHS[date.getUTCMonth()]}-${date.getUTCFullYear()}`);
}

function count(n: number): CommandArg {
  if (!Number.isSafeInteger(n) || n < 0) throw invalidInput(`${n} is not a size`);
  return raw(String(n));
}

export function criteriaArgs(criteria: SearchCriteria): CommandArg[] {
  const out: CommandArg[] = [];
  const flag = (value: boolean | undefined, yes: string, no: string) => {
    if (value !== undefined) out.push(raw(value ? yes : no));
  };
  const text = (key: string, value: string | undefined) => {
    if (value !== undefined) out.push(raw(key), str(value));
  };
  if (criteria.all) out.push(raw("ALL"));
  flag(criteria.seen, "SEEN", "UNSEEN");
  flag(criteria.answered, "ANSWERED", "UNANSWERED");
  flag(criteria.flagged, "FLAGGED", "UNFLAGGED");
  flag(criteria.deleted, "DELETED", "UNDELETED");
  flag(criteria.draft, "DRAFT", "UNDRAFT");
  if (criteria.keyword !== undefined) out.push(raw("KEYWORD"), flagArg(criteria.keyword));
  if (criteria.unkeyword !== undefined) out.push(raw("UNKEYWORD"), flagArg(criteria.unkeyword));
  text("FROM", criteria.from);
  text("TO", criteria.to);
  text("CC", criteria.cc);
  text("BCC", criteria.bcc);
  text("SUBJECT", criteria.subject);
  text("BODY", criteria.body);
  text("TEXT", criteria.text);
  if (criteria.header) out.push(raw("HEADER"), str(criteria.header[0]), str(criteria.header[1]));
  if (criteria.since) out.push(raw("SINCE"), searchDate(criteria.since));
  if (criteria.before) out.push(raw("BEFORE"), searchDate(criteria.before));
  if (criteria.on) out.push(raw("ON"), searchDate(criteria.on));
  if (criteria.sentSince) out.push(raw("SENTSINCE"), searchDate(criteria.sentSince));
  if (criteria.sentBefore) out.push(raw("SENTBEFORE"), searchDate(criteria.sentBefore));
  if (criteria.larger !== undefined) out.push(raw("LARGER"), count(criteria.larger));
  if (criteria.smaller !== undefined) out.push(raw("SMALLER"), count(criteria.smaller));
  if (criteria.uid !== undefined) out.push(raw("UID"), raw(sequenceSet(criteria.uid)));
  if (criteria.seq !== undefined) out.push(raw(sequenceSet(criteria.seq)));
  if (criteria.modseq !== undefined) out.push(raw("MODSEQ"), raw(criteria.modseq.toString()));
  if (criteria.or) {
    out.push(raw("OR"), group(criteria.or[0]), group(criteria.or[1]));
  }
  if (criteria.not) out.push(raw("NOT"), group(criteria.not));
  return out;
}

/** One search-key: a lone key as is, several in parentheses (RFC 3501 search-key list). */
function group(criteria: SearchCriteria): CommandArg {
  const args = criteriaArgs(criteria);
  if (args.length === 0) return raw("ALL");
  return args.length === 1 ? args[0]! : args;
}

function needsUtf8(criteria: SearchCriteria): boolean {
  return JSON.stringify(criteria, (_k, v) => (typeof v === "bigint" ? v.toString() : v))
    .split("")
    .some((c) => c.charCodeAt(0) > 0x7e);
}

function charsetArgs(conn: ImapConnection, criteria: SearchCriteria): CommandArg[] {
  // RFC 6855 3: under UTF8=ACCEPT strings are UTF-8 already and CHARSET must not be sent.
  if (conn.utf8 || !needsUtf8(criteria)) return [];
  return [raw("CHARSET"), raw("UTF-8")];
}

export interface SearchResult {
  /** Matching UIDs (or sequence numbers), ascending. */
  ids: number[];
  /** Highest MODSEQ of the matches, under CONDSTORE when MODSEQ was searched. */
  highestModseq: bigint | null;
}

export async function search(
  conn: ImapConnection,
  criteria: SearchCriteria,
  options: { byUid?: boolean } = { byUid: true },
): Promise<SearchResult> {
  const byUid = options.byUid ?? true;
  const keys = criteriaArgs(criteria);
  const args: CommandArg[] = byUid ? [raw("UID"), raw("SEARCH")] : [raw("SEARCH")];
  const esearch = conn.has("ESEARCH");
  if (esearch) args.push(raw("RETURN"), [raw("ALL")]);
  args.push(...charsetArgs(conn, criteria), ...(keys.length ? keys : [raw("ALL")]));
  let ids: number[] = [];
  let highestModseq: bigint | null = null;
  await conn.run({
    name: byUid ? "UID SEARCH" : "SEARCH",
    args,
    onUntagged: (data) => {
      if (data.type === "search") {
        ids = ids.concat(data.ids);
        highestModseq = data.modseq;
        return true;
      }
      if (data.type === "esearch") {
        if (data.data.all) ids = expandSequenceSet(data.data.all, conn.limits.maxSearchResults);
        if (data.data.modseq !== undefined) highestModseq = data.data.modseq;
        return true;
      }
      return false;
    },
  });
  return { ids: ids.sort((a, b) => a - b), highestModseq };
}

export type SortKey = "ARRIVAL" | "CC" | "DATE" | "FROM" | "SIZE" | "SUBJECT" | "TO";

export interface SortOptions {
  byUid?: boolean;
  /** Sort criteria in order, each possibly reversed: [{ key: "DATE", reverse: true }]. */
  sort: Array<{ key: SortKey; reverse?: boolean }>;
}

/** SORT (RFC 5256): ids in the server's order; needs the SORT capability. */
export async function sort(
  conn: ImapConnection,
  criteria: SearchCriteria,
  options: SortOptions,
): Promise<number[]> {
  if (!conn.has("SORT")) {
    throw new ImapError("INVALID_INPUT", "The server does not offer SORT (RFC 5256)", {
      command: "SORT",
    });
  }
  const byUid = options.byUid ?? true;
  const program: CommandArg[] = [];
  for (const { key, reverse } of options.sort) {
    if (!["ARRIVAL", "CC", "DATE", "FROM", "SIZE", "SUBJECT", "TO"].includes(key)) {
      throw invalidInput(`${key} is not a sort key`);
    }
    if (reverse) program.push(raw("REVERSE"));
    program.push(raw(key));
  }
  if (program.length === 0) throw invalidInput("SORT needs at least one key");
  const keys = criteriaArgs(criteria);
  let ids: number[] = [];
  await conn.run({
    name: byUid ? "UID SORT" : "SORT",
    args: [
      ...(byUid ? [raw("UID")] : []),
      raw("SORT"),
      program,
      // RFC 5256 section 3: every server implementing SORT supports UTF-8.
      raw("UTF-8"),
      ...(keys.length ? keys : [raw("ALL")]),
    ],
    onUntagged: (data) => {
      if (data.type !== "sort") return false;
      ids = ids.concat(data.ids);
      return true;
    },
  });
  return ids;
}
