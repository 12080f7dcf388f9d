/**
 * What people type or paste into a To/Cc/Bcc field, split into addresses, each with a verdict,
 * for the composer's chips: `Name <a@b>, c@d; e@f`, `"Doe, John" <j@d>`, `a@b (Ann)`,
 * `mailto:a@b`, addresses on separate lines or separated by spaces.
 *
 * A line break always separates entries and never joins them: pasted
 * `bob@x\nCc: eve@y` gives `bob@x` and an invalid `Cc: eve@y`, never a Cc (hostile PC1).
 * Nothing here is written to a header; the builder validates again what it is given.
 */
import { checkAddrSpec } from "./addr-spec.ts";

export interface ComposeAddress {
  /** The entry as typed, trimmed. */
  raw: string;
  /** Display name, unquoted; "" when none. */
  name: string;
  /** The address part; "" when none was found. */
  address: string;
  valid: boolean;
  /** Why it is invalid, for the chip's tooltip; null when valid. */
  reason: string | null;
  /** Valid, but needs a server with SMTPUTF8 unless the domain is converted (RFC 6531). */
  needsSmtpUtf8: boolean;
}

/**
 * Splits at "," ";" and line breaks outside quotes and comments. Not protected inside angle
 * brackets: a comma there is only legal in obsolete source routes, and "Bob <bob@, c@d" is
 * better read as a broken entry and a good one.
 */
function splitEntries(input: string): string[] {
  const entries: string[] = [];
  let current = "";
  let quoted = false;
  let comment = 0;
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (c === "\r" || c === "\n") {
      entries.push(current);
      current = "";
      quoted = false;
      comment = 0;
      continue;
    }
    if (quoted) {
      if (c === "\\" && i + 1 < input.length && !/[\r\n]/.test(input[i + 1]!)) {
        current += c + input[++i];
        continue;
      }
      if (c === '"') quoted = false;
    } else if (comment > 0) {
      if (c === "(") comment++;
      else if (c === ")") comment--;
    } else if (c === '"') quoted = true;
    else if (c === "(") comment = 1;
    else if (c === "," || c === ";") {
      entries.push(current);
      current = "";
      continue;
    }
    current += c;
  }
  entries.push(current);
  return entries.map((e) => e.trim()).filter((e) => e !== "");
}

function unquote(text: string): string {
  return text
    .trim()
    .replace(/"((?:[^"\\]|\\.)*)"/g, (_, inner: string) => inner.replace(/\\(.)/g, "$1"))
    .replace(/\s+/g, " ")
    .trim();
}

/** Removes (comments) outside quotes; returns the rest and the comments' text. */
function takeComments(text: string): { rest: string; comments: string } {
  let rest = "";
  let comments = "";
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (depth === 0 && c === '"') quoted = !quoted;
    if (!quoted && c === "(") {
      if (depth > 0) comments += c;
      depth++;
    } else if (!quoted && c === ")" && depth > 0) {
      depth--;
      if (depth > 0) comments += c;
    } else if (depth > 0) comments += c;
    else rest += c;
  }
  return { rest, comments: comments.trim() };
}

function verdict(raw: string, name: string, address: string, badSyntax?: string): ComposeAddress {
  if (badSyntax) {
    return { raw, name, address, valid: false, reason: badSyntax, needsSmtpUtf8: false };
  }
  const checked = checkAddrSpec(address);
  if (!checked.ok) {
    return { raw, name, address, valid: false, reason: checked.reason, needsSmtpUtf8: false };
  }
  const spec = checked.value;
  return {
    raw,
    name,
    address: spec.address,
    valid: true,
    reason: null,
    needsSmtpUtf8: spec.needsSmtpUtf8,
  };
}

function stripMailto(address: string): string {
  return address.replace(/^mailto:/i, "");
}

function parseEntry(raw: string): ComposeAddress[] {
  const { rest, comments } = takeComments(raw);
  const open = rest.indexOf("<");
  if (open >= 0 && !/^(?:[^"]|"(?:[^"\\]|\\.)*")*$/.test(rest.slice(0, open))) {
    return [verdict(raw, "", "", "unclosed quote")];
  }
  if (open >= 0) {
    const close = rest.indexOf(">", open);
    const name = unquote(rest.slice(0, open)) || comments;
    if (close < 0) return [verdict(raw, name, rest.slice(open + 1).trim(), "missing >")];
    const address = stripMailto(rest.slice(open + 1, close).trim());
    if (rest.slice(close + 1).trim() !== "") {
      return [verdict(raw, name, address, "text after the closing >")];
    }
    return [verdict(raw, name, address)];
  }
  const bare = rest.trim();
  // "a@x b@y" pasted with spaces: several addresses when every word has an @ and no quotes.
  const words = bare.split(/\s+/);
  if (words.length > 1 && !bare.includes('"') && words.every((w) => w.includes("@"))) {
    return words.map((w) => verdict(w, "", stripMailto(w)));
  }
  return [verdict(raw, comments, stripMailto(bare))];
}

export function parseComposeAddresses(input: string): ComposeAddress[] {
  return splitEntries(input).flatMap(parseEntry);
}
