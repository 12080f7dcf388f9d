/**
 * Address lists (RFC 5322 section 3.4) as they arrive: display names with RFC 2047 words (also
 * inside quotes, section 7 of the README's oracle notes), comments, quoted local parts, groups
 * (`Friends: a@x, b@y;`, and the empty `undisclosed-recipients:;`), obsolete routes
 * (`<@relay1,@relay2:user@host>`, section 4.4) and the common breakage: unbalanced quotes or
 * brackets, missing commas, stray `;`.
 *
 * Parsing happens on the raw (still encoded) value: a decoded display name may contain `,`, `<`
 * or `@` (an attacker's "it-helpdesk@bank.test" <evil@attacker.test>, hostile p14) and must never
 * be mistaken for syntax.
 */
import { decodeEncodedWords } from "./encoded-words.ts";
import { readComment, readQuoted } from "./lexical.ts";

export interface Address {
  /** Display name, decoded; "" when there is none. */
  name: string;
  /** addr-spec (local@domain) without angle brackets, route or comments; "" when missing. */
  address: string;
  /** Name of the group the mailbox belongs to, when it was listed in one. */
  group?: string;
}

type Token =
  | { kind: "atom"; text: string }
  | { kind: "quoted"; text: string }
  | { kind: "comment"; text: string }
  | { kind: "literal"; text: string }
  | { kind: "special"; text: string }
  | { kind: "space" };

/** RFC 5322 specials that separate tokens outside quotes. */
const SPECIALS = new Set(["(", ")", "<", ">", "[", "]", ":", ";", "@", "\\", ",", '"']);

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  const n = input.length;
  let i = 0;
  while (i < n) {
    const c = input[i]!;
    if (c === " " || c === "\t" || c === "\r" || c === "\n") {
      while (i < n && /[ \t\r\n]/.test(input[i]!)) i++;
      tokens.push({ kind: "space" });
    } else if (c === '"') {
      // An unbalanced quote runs to the end.
      const quoted = readQuoted(input, i);
      tokens.push({ kind: "quoted", text: quoted.text });
      i = quoted.end;
    } else if (c === "(") {
      const comment = readComment(input, i);
      tokens.push({ kind: "comment", text: comment.text });
      i = comment.end;
    } else if (c === "[") {
      const end = input.indexOf("]", i);
      const stop = end === -1 ? n : end + 1;
      tokens.push({ kind: "literal", text: input.slice(i, stop) });
      i = stop;
    } else if (SPECIALS.has(c) || c === ".") {
      tokens.push({ kind: "special", text: c });
      i++;
    } else {
      const start = i;
      while (i < n && !SPECIALS.has(input[i]!) && input[i] !== "." && !/[ \t\r\n]/.test(input[i]!))
        i++;
      tokens.push({ kind: "atom", text: input.slice(start, i) });
    }
  }
  return tokens;
}

/** A display-name phrase: words joined by single spaces, quotes removed, RFC 2047 decoded. */
function phraseText(tokens: Token[]): string {
  let raw = "";
  let pendingSpace = false;
  for (const t of tokens) {
    if (t.kind === "space" || t.kind === "comment") {
      pendingSpace = raw.length > 0;
      continue;
    }
    if (pendingSpace) raw += " ";
    pendingSpace = false;
    raw += t.text;
  }
  // A display name is one line (RFC 5322 phrase): CR/LF decoded from an encoded word (hostile
  // p14, "Help=0D=0ACc: ...") must never reach a reply's header as a line break.
  return decodeEncodedWords(raw)
    .text.replace(/[\r\n\0]+/g, " ")
    .trim();
}

/** An addr-spec from tokens: comments and white space dropped, route removed. */
function addrSpecText(tokens: Token[]): string {
  let out = "";
  for (const t of tokens) {
    if (t.kind === "space" || t.kind === "comment") continue;
    if (t.kind === "quoted")
      out += needsQuotes(t.text) ? `"${t.text.replace(/(["\\])/g, "\\$1")}"` : t.text;
    else out += t.text;
  }
  // Obsolete route (RFC 5322 section 4.4): "@a,@b:user@host" -> "user@host".
  const route = /^(?:@[^:,]*,?)+:(.*)$/s.exec(out);
  return route ? route[1]! : out;
}

function needsQuotes(local: string): boolean {
  return !/^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~\u0080-\uffff]+(?:\.[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~\u0080-\uffff]+)*$/.test(
    local,
  );
}

/** One mailbox from the tokens between two commas. */
function mailbox(tokens: Token[]): Address | null {
  const open = tokens.findIndex((t) => t.kind === "special" && t.text === "<");
  if (open !== -1) {
    let close = tokens.findIndex((t, k) => k > open && t.kind === "special" && t.text === ">");
    if (close === -1) close = tokens.length;
    // `<>` stays: it is the null reverse-path of a bounce (RFC 5321 section 4.5.5).
    return {
      name: phraseText(tokens.slice(0, open)),
      address: addrSpecText(tokens.slice(open + 1, close)),
    };
  }
  const meaningful = tokens.filter((t) => t.kind !== "space" && t.kind !== "comment");
  if (meaningful.length === 0) return null;
  return { name: "", address: addrSpecText(tokens) };
}

/** Splits tokens into white-space separated words (quoted strings and comments stay whole). */
function words(tokens: Token[]): Token[][] {
  const out: Token[][] = [[]];
  for (const t of tokens) {
    if (t.kind === "space") {
      if (out[out.length - 1]!.length > 0) out.push([]);
    } else {
      out[out.length - 1]!.push(t);
    }
  }
  if (out[out.length - 1]!.length === 0) out.pop();
  return out;
}

const hasAt = (word: Token[]) => word.some((t) => t.kind === "special" && t.text === "@");

/**
 * Mailboxes between two commas. Without angle brackets, white-space separated words are read
 * as people write them: `a@x b@y` (missing comma) is two addresses, `Big Bug bb@bug.com` is a
 * name and an address (what Thunderbird shows), anything else one addr-spec.
 */
function mailboxes(tokens: Token[]): Address[] {
  if (tokens.some((t) => t.kind === "special" && t.text === "<")) {
    const box = mailbox(tokens);
    return box ? [box] : [];
  }
  const list = words(tokens);
  const withAt = list.filter(hasAt);
  if (withAt.length > 1 && withAt.length === list.length) {
    return withAt.map((word) => ({ name: "", address: addrSpecText(word) }));
  }
  if (list.length > 1 && withAt.length === 1 && hasAt(list[list.length - 1]!)) {
    const last = list[list.length - 1]!;
    const lastStart = tokens.lastIndexOf(last[0]!);
    // `a.b @ c` is one addr-spec with spaces, not a name: only split when the name part
    // ends in a word (not `.` or `@`).
    const before = tokens
      .slice(0, lastStart)
      .filter((t) => t.kind !== "space" && t.kind !== "comment");
    const tail = before[before.length - 1];
    if (tail && tail.kind !== "special")
      return [{ name: phraseText(tokens.slice(0, lastStart)), address: addrSpecText(last) }];
  }
  const box = mailbox(tokens);
  return box ? [box] : [];
}

/**
 * Parses one address header value (From, To, Cc, Reply-To, ...). Group members come out
 * flattened with the group's name; an empty group contributes nothing.
 */
export function parseAddressList(value: string): Address[] {
  const tokens = tokenize(value);
  const out: Address[] = [];
  let current: Token[] = [];
  let group: string | undefined;
  let angle = 0;
  const emit = () => {
    for (const box of mailboxes(current)) out.push(group === undefined ? box : { ...box, group });
    current = [];
  };
  for (const t of tokens) {
    if (t.kind === "special") {
      if (t.text === "<") angle++;
      else if (t.text === ">") angle = Math.max(0, angle - 1);
      else if (angle === 0 && t.text === ",") {
        emit();
        continue;
      } else if (angle === 0 && t.text === ":" && group === undefined && !current.some(isAt)) {
        group = phraseText(current);
        current = [];
        continue;
      } else if (angle === 0 && t.text === ";") {
        emit();
        group = undefined;
        continue;
      }
    }
    current.push(t);
  }
  emit();
  return out;
}

function isAt(t: Token): boolean {
  return t.kind === "special" && (t.text === "@" || t.text === "<");
}
