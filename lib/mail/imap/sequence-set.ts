/**
 * Sequence sets (RFC 3501 section 9, sequence-set): "1:5,9,20:*". Accepted from callers as a
 * number, a list of numbers (compressed into ranges), a range object, or a string that is
 * checked against the grammar — never passed through unchecked, since it goes on the wire as
 * syntax, not as a quoted string.
 */
import { invalidInput, limitError } from "./errors.ts";

export type SequenceSetInput =
  | number
  | readonly number[]
  | string
  | { from: number; to: number | "*" };

const MAX_ID = 0xffffffff;
const SET = /^(?:\d+|\*)(?::(?:\d+|\*))?(?:,(?:\d+|\*)(?::(?:\d+|\*))?)*$/;

function checkId(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_ID) {
    throw invalidInput(`${n} is not a valid message number or UID (1 to 4294967295)`);
  }
}

export function sequenceSet(input: SequenceSetInput): string {
  if (typeof input === "number") {
    checkId(input);
    return String(input);
  }
  if (typeof input === "string") {
    if (!SET.test(input)) throw invalidInput(`${JSON.stringify(input)} is not a sequence set`);
    for (const part of input.split(/[:,]/)) if (part !== "*") checkId(Number(part));
    return input;
  }
  if (isRange(input)) {
    checkId(input.from);
    if (input.to !== "*") checkId(input.to);
    return input.from === input.to ? String(input.from) : `${input.from}:${input.to}`;
  }
  if (input.length === 0) throw invalidInput("An empty set of messages");
  const sorted = [...input].sort((a, b) => a - b);
  let out = "";
  let start = sorted[0]!;
  let prev = start;
  checkId(start);
  for (let i = 1; i <= sorted.length; i++) {
    const n = sorted[i];
    if (n !== undefined) checkId(n);
    if (n === prev || n === prev + 1) {
      prev = n!;
      continue;
    }
    out += `${out ? "," : ""}${start === prev ? start : `${start}:${prev}`}`;
    if (n !== undefined) start = prev = n;
  }
  return out;
}

function isRange(input: unknown): input is { from: number; to: number | "*" } {
  return typeof input === "object" && input !== null && !Array.isArray(input) && "from" in input;
}

/** Expand a set of concrete numbers ("1:3,7") into a list; "*" is not allowed here. */
export function expandSequenceSet(set: string, max = 1_000_000): number[] {
  const out: number[] = [];
  for (const part of set.split(",")) {
    const [a, b] = part.split(":");
    const from = Number(a);
    const to = b === undefined ? from : Number(b);
    if (!Number.isInteger(from) || !Number.isInteger(to)) continue;
    const [lo, hi] = from <= to ? [from, to] : [to, from];
    // COPYUID lists source and destination in the order given: a descending range stays so.
    if (hi - lo + out.length >= max) throw limitError(`A set of more than ${max} numbers`);
    if (from <= to) for (let n = lo; n <= hi; n++) out.push(n);
    else for (let n = hi; n >= lo; n--) out.push(n);
  }
  return out;
}

/**
 * The sequence range of the newest `count` messages of a mailbox with `exists` messages: what
 * a message list shows first, without ever asking for every UID (RFC 3501 sequence numbers
 * run 1..EXISTS in arrival order).
 */
export function newestRange(exists: number, count: number, page = 0): string | null {
  const top = exists - page * count;
  if (top < 1 || count < 1) return null;
  const bottom = Math.max(1, top - count + 1);
  return bottom === top ? String(top) : `${bottom}:${top}`;
}
