/**
 * STORE / UID STORE (RFC 3501 6.4.6): add, remove or replace flags, .SILENT, and
 * UNCHANGEDSINCE (RFC 7162 3.1.3) whose failures come back in the MODIFIED response code.
 */
import { type CommandArg, flagArg, raw } from "../command-builder.ts";
import type { ImapConnection } from "../connection.ts";
import { type FetchResult, parseFetch } from "../fetch-parser.ts";
import { type SequenceSetInput, sequenceSet } from "../sequence-set.ts";

export interface StoreOptions {
  byUid?: boolean;
  /** Do not report the new flags back (FLAGS.SILENT). */
  silent?: boolean;
  /** Only change messages whose MODSEQ is at most this (CONDSTORE). */
  unchangedSince?: bigint;
}

export interface StoreResult {
  /** The messages' new flags, unless silent. */
  updated: FetchResult[];
  /** Messages not changed because they were modified since `unchangedSince` (MODIFIED code). */
  modified: string | null;
}

export type StoreOperation = "add" | "remove" | "set";

export async function store(
  conn: ImapConnection,
  range: SequenceSetInput,
  operation: StoreOperation,
  flags: string[],
  options: StoreOptions = {},
): Promise<StoreResult> {
  const prefix = operation === "add" ? "+" : operation === "remove" ? "-" : "";
  const args: CommandArg[] = [];
  if (options.byUid) args.push(raw("UID"));
  args.push(raw("STORE"), raw(sequenceSet(range)));
  if (options.unchangedSince !== undefined) {
    args.push([raw("UNCHANGEDSINCE"), raw(options.unchangedSince.toString())]);
  }
  args.push(raw(`${prefix}FLAGS${options.silent ? ".SILENT" : ""}`), flags.map(flagArg));
  const updated: FetchResult[] = [];
  let modified: string | null = null;
  await conn.run({
    name: options.byUid ? "UID STORE" : "STORE",
    args,
    onUntagged: (data) => {
      if (data.type !== "fetch") return false;
      updated.push(parseFetch(data.seq, data.items));
      return true;
    },
    onTagged: (response) => {
      const code = response.code;
      if (code?.name === "MODIFIED" && typeof code.args[0] === "string") modified = code.args[0];
    },
  });
  return { updated, modified };
}
