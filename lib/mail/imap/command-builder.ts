/**
 * Owns how a command's arguments become bytes. Every value that came from a person (mailbox
 * names, search terms, passwords) goes through `str()` and ends up as a quoted string or a
 * literal: it can never be read by the server as syntax, whatever it contains (RFC 3501
 * section 4.3). Syntax the command modules build themselves (atoms, sequence sets, fetch item
 * lists) goes through `raw()`, which refuses CR and LF as a second line of defence.
 */
import { invalidInput } from "./errors.ts";
import { LITERAL_MINUS_MAX } from "./limits.ts";
import { encodeMutf7 } from "./mutf7.ts";

/** Protocol syntax written by this library, never by a user. */
export class RawArg {
  constructor(
    readonly text: string,
    /** What the transcript shows instead (a SASL initial response). */
    readonly shown: string = text,
  ) {}
}

/** A user's value: sent quoted when that is safe, as a literal otherwise. */
export class StringArg {
  constructor(
    readonly bytes: Buffer,
    /** Credentials: the transcript shows *** instead. */
    readonly secret: boolean,
    /** Always a literal (APPEND's message). */
    readonly literalOnly: boolean,
    /** literal8 `~{n}` (RFC 3516), which may carry NUL: APPEND of binary content. */
    readonly binary: boolean,
  ) {}
}

export type CommandArg = RawArg | StringArg | CommandArg[];

export function raw(text: string, shown?: string): RawArg {
  if (/[\r\n\0]/.test(text)) throw invalidInput("Protocol syntax may not contain CR, LF or NUL");
  return new RawArg(text, shown);
}

const QUOTED_MAX = 1024;

/**
 * A string argument. NUL cannot be sent in an IMAP4rev1 string at all (RFC 3501 section 9:
 * CHAR8 excludes %x00), so it is refused; CR, LF, other controls and 8-bit bytes make it a
 * literal whose length counts bytes, not characters.
 */
export function str(value: string | Uint8Array, options: { secret?: boolean } = {}): StringArg {
  const bytes = typeof value === "string" ? Buffer.from(value, "utf8") : Buffer.from(value);
  if (bytes.includes(0)) throw invalidInput("A string sent to an IMAP server may not contain NUL");
  return new StringArg(bytes, options.secret ?? false, false, false);
}

/** A literal the caller insists on (message content for APPEND). */
export function literal(value: Uint8Array, options: { binary?: boolean } = {}): StringArg {
  const bytes = Buffer.isBuffer(value) ? value : Buffer.from(value);
  return new StringArg(bytes, false, true, options.binary ?? false);
}

/**
 * A mailbox name. Control characters are refused (INVALID_INPUT): a name with CR, LF or NUL is
 * a mistake or an injection attempt, servers refuse such names anyway, and under UTF8=ACCEPT
 * the name would travel as raw UTF-8. The rest goes modified UTF-7 (RFC 3501 section 5.1.3)
 * or, once UTF8=ACCEPT is enabled, UTF-8 (RFC 6855 section 3), then through `str()`.
 */
export function mailboxArg(name: string, utf8: boolean): StringArg {
  if (name.length === 0) throw invalidInput("A mailbox name may not be empty");
  if (/[\u0000-\u001f\u007f]/.test(name)) {
    throw invalidInput("A mailbox name may not contain control characters (CR, LF, NUL, ...)");
  }
  if (name.toUpperCase() === "INBOX") return str("INBOX");
  return str(utf8 ? name : encodeMutf7(name));
}

const SYSTEM_FLAGS = new Map(
  ["\\Seen", "\\Answered", "\\Flagged", "\\Deleted", "\\Draft"].map((f) => [f.toLowerCase(), f]),
);
// RFC 3501 section 9: atom = 1*ATOM-CHAR; ATOM-CHAR excludes ( ) { SP CTL % * " \ ] and 8-bit.
const ATOM = /^[!#$&'+,\-./0-9:;<=>?@A-Z[^_`a-z|}~]+$/;

/**
 * A flag or keyword. Flags are atoms on the wire (they cannot be quoted), so a keyword with
 * any other character is refused rather than escaped.
 */
export function flagArg(flag: string): RawArg {
  const system = SYSTEM_FLAGS.get(flag.toLowerCase());
  if (system) return new RawArg(system);
  if (flag.startsWith("\\") ? ATOM.test(flag.slice(1)) : ATOM.test(flag)) return new RawArg(flag);
  throw invalidInput(`${JSON.stringify(flag)} is not a valid IMAP flag or keyword`);
}

export function isAtom(value: string): boolean {
  return ATOM.test(value);
}

export function list(...items: CommandArg[]): CommandArg[] {
  return items;
}

/** What is written, and what the transcript shows for it (credentials never). */
export interface WirePiece {
  data: string | Buffer;
  transcript: string;
}

/** One write, then (when `waitForContinuation`) wait for the server's "+" before the next. */
export interface WireChunk {
  pieces: WirePiece[];
  waitForContinuation: boolean;
}

export interface SerializeOptions {
  /** LITERAL+ (RFC 7888): every literal may be non-synchronizing. */
  literalPlus: boolean;
  /** LITERAL- (RFC 7888): literals up to 4096 bytes may be non-synchronizing. */
  literalMinus: boolean;
}

const TRANSCRIPT_LITERAL_MAX = 256;

export function serializeCommand(
  tag: string,
  args: CommandArg[],
  options: SerializeOptions,
): WireChunk[] {
  const chunks: WireChunk[] = [];
  let pieces: WirePiece[] = [];
  let text = tag;
  let transcript = tag;

  const append = (wire: string, shown = wire) => {
    text += wire;
    transcript += shown;
  };

  const writeArgs = (items: CommandArg[], separator: boolean) => {
    items.forEach((arg, index) => {
      if (separator || index > 0) append(" ");
      if (arg instanceof RawArg) append(arg.text, arg.shown);
      else if (Array.isArray(arg)) {
        append("(");
        writeArgs(arg, false);
        append(")");
      } else writeString(arg);
    });
  };

  const writeString = (arg: StringArg) => {
    const quoted = arg.literalOnly ? null : quote(arg.bytes);
    if (quoted !== null) {
      append(quoted, arg.secret ? "***" : quoted);
      return;
    }
    const size = arg.bytes.length;
    const sync = !(options.literalPlus || (options.literalMinus && size <= LITERAL_MINUS_MAX));
    append(`${arg.binary ? "~" : ""}{${size}${sync ? "" : "+"}}\r\n`);
    pieces.push({ data: text, transcript });
    if (sync) {
      chunks.push({ pieces, waitForContinuation: true });
      pieces = [];
    }
    pieces.push({ data: arg.bytes, transcript: describeLiteral(arg) });
    text = "";
    transcript = "";
  };

  writeArgs(args, true);
  append("\r\n");
  pieces.push({ data: text, transcript });
  chunks.push({ pieces, waitForContinuation: false });
  return chunks;
}

function describeLiteral(arg: StringArg): string {
  if (arg.secret) return "***";
  if (arg.bytes.length > TRANSCRIPT_LITERAL_MAX) return `[${arg.bytes.length} bytes]`;
  return JSON.stringify(arg.bytes.toString("utf8")).slice(1, -1);
}

/** A quoted string, or null when the value must be a literal. */
function quote(bytes: Buffer): string | null {
  if (bytes.length > QUOTED_MAX) return null;
  let out = '"';
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte < 0x20 || byte >= 0x7f) return null;
    if (byte === 0x22 || byte === 0x5c) out += "\\";
    out += String.fromCharCode(byte);
  }
  return `${out}"`;
}
