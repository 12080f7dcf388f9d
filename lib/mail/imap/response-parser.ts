/**
 * Turns one framed response into a typed value: tagged status, continuation, or one of the
 * untagged forms (RFC 3501 section 7, RFC 9051, and the extensions this client speaks:
 * ESEARCH RFC 4731, ENABLE RFC 5161, ID RFC 2971, QRESYNC's VANISHED RFC 7162, SORT RFC 5256).
 * Response codes (section 7.1) are parsed into name + arguments; FETCH data stays a raw list
 * here and is typed by fetch-parser.ts, one layer up.
 */
import type { ImapStatus } from "./errors.ts";
import type { FramedResponse } from "./framer.ts";
import { decodeText, type ImapValue, Tokenizer } from "./tokenizer.ts";

export interface ResponseCode {
  /** Upper-case name: ALERT, UIDVALIDITY, APPENDUID, TRYCREATE, ... */
  name: string;
  /** Arguments as tokens; for a code whose arguments are not tokens, one string of raw text. */
  args: ImapValue[];
}

export interface TaggedResponse {
  type: "tagged";
  tag: string;
  status: "OK" | "NO" | "BAD";
  code: ResponseCode | null;
  text: string;
}

export interface ContinuationResponse {
  type: "continuation";
  code: ResponseCode | null;
  /** The text after "+ " (a SASL challenge in base64, or a human message). */
  text: string;
}

export interface ListData {
  attributes: string[];
  delimiter: string | null;
  /** The name as the server sent it (modified UTF-7 unless UTF8=ACCEPT is enabled). */
  name: string;
  /** Extended data items (RFC 5258): CHILDINFO, OLDNAME, ... as raw tokens. */
  extended: ImapValue[];
}

export interface EsearchData {
  /** The command tag the result belongs to (RFC 4731 search-correlator). */
  tag: string | null;
  uid: boolean;
  min?: number;
  max?: number;
  count?: number;
  /** A sequence set, compact as the server sent it. */
  all?: string;
  modseq?: bigint;
}

export interface NamespaceEntry {
  prefix: string;
  delimiter: string | null;
}

export type UntaggedResponse =
  | { type: "status"; status: ImapStatus; code: ResponseCode | null; text: string }
  | { type: "capability"; capabilities: string[] }
  | { type: "enabled"; capabilities: string[] }
  | { type: "list" | "lsub"; data: ListData }
  | { type: "mailbox-status"; mailbox: string; items: Map<string, bigint> }
  | { type: "search"; ids: number[]; modseq: bigint | null }
  | { type: "esearch"; data: EsearchData }
  | { type: "sort"; ids: number[] }
  | { type: "flags"; flags: string[] }
  | { type: "exists"; count: number }
  | { type: "recent"; count: number }
  | { type: "expunge"; seq: number }
  | { type: "fetch"; seq: number; items: ImapValue[] }
  | { type: "vanished"; earlier: boolean; uids: string }
  | {
      type: "namespace";
      personal: NamespaceEntry[];
      other: NamespaceEntry[];
      shared: NamespaceEntry[];
    }
  | { type: "id"; params: Record<string, string | null> | null }
  | { type: "other"; name: string; values: ImapValue[] };

export interface UntaggedEnvelope {
  type: "untagged";
  data: UntaggedResponse;
}

export type ImapResponse = TaggedResponse | ContinuationResponse | UntaggedEnvelope;

export function parseResponse(framed: FramedResponse, maxDepth: number): ImapResponse {
  const t = new Tokenizer(framed, maxDepth);
  if (t.accept(0x2b)) {
    t.accept(0x20);
    const code = readCode(t);
    return { type: "continuation", code, text: t.readRest() };
  }
  const tag = t.readAtom();
  t.expect(0x20);
  if (tag === "*") return { type: "untagged", data: parseUntagged(t) };
  const status = t.readAtom().toUpperCase();
  if (status !== "OK" && status !== "NO" && status !== "BAD") {
    t.fail(`tagged response with status ${status}`);
  }
  t.accept(0x20);
  const code = readCode(t);
  return {
    type: "tagged",
    tag,
    status: status as TaggedResponse["status"],
    code,
    text: t.readRest(),
  };
}

function readCode(t: Tokenizer): ResponseCode | null {
  if (!t.accept(0x5b)) return null;
  const name = t.readAtom().toUpperCase();
  const start = t.offset;
  let args: ImapValue[];
  try {
    args = t.readValuesUntil(0x5d);
  } catch {
    // Unknown codes may carry free text ("[XYZ it's \"odd]"): keep it raw rather than fail.
    t.seek(start);
    t.skipSpaces();
    args = [t.readRawUntil(0x5d)];
  }
  t.expect(0x5d);
  t.accept(0x20);
  return { name, args };
}

const STATUS_WORDS = new Set(["OK", "NO", "BAD", "BYE", "PREAUTH"]);

function parseUntagged(t: Tokenizer): UntaggedResponse {
  const first = t.readAtom();
  const upper = first.toUpperCase();
  if (STATUS_WORDS.has(upper)) {
    t.accept(0x20);
    const code = readCode(t);
    return { type: "status", status: upper as ImapStatus, code, text: t.readRest() };
  }
  if (/^\d+$/.test(first)) return parseNumbered(t, Number(first));
  t.skipSpaces();
  switch (upper) {
    case "CAPABILITY":
      return { type: "capability", capabilities: atoms(t) };
    case "ENABLED":
      return { type: "enabled", capabilities: atoms(t) };
    case "FLAGS":
      return { type: "flags", flags: stringsOf(t.readList()) };
    case "LIST":
    case "LSUB":
      return { type: upper === "LIST" ? "list" : "lsub", data: parseList(t) };
    case "STATUS":
      return parseStatus(t);
    case "SEARCH":
      return parseSearch(t);
    case "SORT":
      return { type: "sort", ids: numbers(t.readValuesUntil()) };
    case "ESEARCH":
      return { type: "esearch", data: parseEsearch(t) };
    case "VANISHED":
      return parseVanished(t);
    case "NAMESPACE":
      return parseNamespace(t);
    case "ID":
      return parseId(t);
    default:
      return { type: "other", name: upper, values: t.readValuesUntil() };
  }
}

function parseNumbered(t: Tokenizer, n: number): UntaggedResponse {
  t.expect(0x20);
  const kind = t.readAtom().toUpperCase();
  switch (kind) {
    case "EXISTS":
      return { type: "exists", count: n };
    case "RECENT":
      return { type: "recent", count: n };
    case "EXPUNGE":
      return { type: "expunge", seq: n };
    case "FETCH": {
      t.skipSpaces();
      return { type: "fetch", seq: n, items: t.readList() };
    }
    default:
      t.skipSpaces();
      return { type: "other", name: kind, values: [String(n), ...t.readValuesUntil()] };
  }
}

function atoms(t: Tokenizer): string[] {
  const out: string[] = [];
  for (const value of t.readValuesUntil()) if (typeof value === "string") out.push(value);
  return out;
}

export function stringOf(value: ImapValue | undefined): string | null {
  if (typeof value === "string") return value;
  if (Buffer.isBuffer(value)) return decodeText(value);
  return null;
}

function stringsOf(values: ImapValue[]): string[] {
  const out: string[] = [];
  for (const value of values) {
    const text = stringOf(value);
    if (text !== null) out.push(text);
  }
  return out;
}

function numbers(values: ImapValue[]): number[] {
  const out: number[] = [];
  for (const value of values) if (typeof value === "string") out.push(Number(value));
  return out;
}

function parseList(t: Tokenizer): ListData {
  const attributes = stringsOf(t.readList());
  t.skipSpaces();
  const delimiter = stringOf(t.readValue());
  t.skipSpaces();
  const name = stringOf(t.readValue()) ?? "";
  const extended = t.readValuesUntil();
  return { attributes, delimiter, name, extended };
}

function parseStatus(t: Tokenizer): UntaggedResponse {
  const mailbox = stringOf(t.readValue()) ?? "";
  t.skipSpaces();
  const list = t.readList();
  const items = new Map<string, bigint>();
  for (let i = 0; i + 1 < list.length; i += 2) {
    const key = stringOf(list[i]);
    const value = stringOf(list[i + 1]);
    if (key && value && /^\d+$/.test(value)) items.set(key.toUpperCase(), BigInt(value));
  }
  return { type: "mailbox-status", mailbox, items };
}

/** `* SEARCH 2 5 9` or, with CONDSTORE, `* SEARCH 2 5 9 (MODSEQ 917162500)` (RFC 7162 3.1.5). */
function parseSearch(t: Tokenizer): UntaggedResponse {
  const ids: number[] = [];
  let modseq: bigint | null = null;
  for (const value of t.readValuesUntil()) {
    if (typeof value === "string" && /^\d+$/.test(value)) ids.push(Number(value));
    else if (Array.isArray(value) && stringOf(value[0])?.toUpperCase() === "MODSEQ") {
      modseq = BigInt(stringOf(value[1]) ?? "0");
    }
  }
  return { type: "search", ids, modseq };
}

function parseEsearch(t: Tokenizer): EsearchData {
  const values = t.readValuesUntil();
  const data: EsearchData = { tag: null, uid: false };
  let i = 0;
  const correlator = values[0];
  if (Array.isArray(correlator)) {
    if (stringOf(correlator[0])?.toUpperCase() === "TAG") data.tag = stringOf(correlator[1]);
    i = 1;
  }
  for (; i < values.length; i++) {
    const key = stringOf(values[i])?.toUpperCase();
    if (key === "UID") {
      data.uid = true;
      continue;
    }
    const value = stringOf(values[++i]) ?? "";
    if (key === "MIN") data.min = Number(value);
    else if (key === "MAX") data.max = Number(value);
    else if (key === "COUNT") data.count = Number(value);
    else if (key === "ALL") data.all = value;
    else if (key === "MODSEQ") data.modseq = BigInt(/^\d+$/.test(value) ? value : "0");
  }
  return data;
}

function parseVanished(t: Tokenizer): UntaggedResponse {
  let earlier = false;
  if (t.peek() === 0x28) {
    const tags = stringsOf(t.readList()).map((s) => s.toUpperCase());
    earlier = tags.includes("EARLIER");
    t.skipSpaces();
  }
  return { type: "vanished", earlier, uids: t.readAtom() };
}

function parseNamespace(t: Tokenizer): UntaggedResponse {
  const groups: NamespaceEntry[][] = [];
  for (let i = 0; i < 3; i++) {
    t.skipSpaces();
    const value = t.readValue();
    const entries: NamespaceEntry[] = [];
    if (Array.isArray(value)) {
      for (const entry of value) {
        if (!Array.isArray(entry)) continue;
        entries.push({ prefix: stringOf(entry[0]) ?? "", delimiter: stringOf(entry[1]) });
      }
    }
    groups.push(entries);
  }
  return { type: "namespace", personal: groups[0]!, other: groups[1]!, shared: groups[2]! };
}

function parseId(t: Tokenizer): UntaggedResponse {
  const value = t.readValue();
  if (!Array.isArray(value)) return { type: "id", params: null };
  const params: Record<string, string | null> = {};
  for (let i = 0; i + 1 < value.length; i += 2) {
    const key = stringOf(value[i]);
    if (key !== null) params[key.toLowerCase()] = stringOf(value[i + 1]);
  }
  return { type: "id", params };
}

/** Response-code helpers, for the codes that carry numbers. */
export function codeNumber(code: ResponseCode | null, index = 0): number | null {
  const value = code ? stringOf(code.args[index]) : null;
  return value !== null && /^\d+$/.test(value) ? Number(value) : null;
}

export function codeBigInt(code: ResponseCode | null, index = 0): bigint | null {
  const value = code ? stringOf(code.args[index]) : null;
  return value !== null && /^\d+$/.test(value) ? BigInt(value) : null;
}
