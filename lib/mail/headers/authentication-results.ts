/**
 * Authentication-Results (RFC 8601) and ARC-Authentication-Results (RFC 8617 section 4.1.1):
 *
 *   authserv-id [version] ; method[/version]=result [reason=value] [ptype.property=value ...] ; ...
 *   ARC: i=N ; <the same payload>
 *
 * Comments may sit anywhere (and hold ";": "dkim=pass (2048-bit key; unprotected)"), values may
 * be quoted with escapes (header.i=" foo \"bar\"@example.com"), and CFWS may surround "=". Real
 * writers add their own twists, read here rather than rejected:
 *
 * - Microsoft 365 / Outlook.com leave out the authserv-id and put a bare domain in a later
 *   segment: "spf=pass (...) smtp.helo=x; outlook.com; dkim=none ...". The bare segment is taken
 *   as the authserv-id; with none at all the id is "".
 * - Old Yahoo and pair.com write junk after the id ("mta1021.mail.ird.yahoo.com  from=a.jp;") and
 *   "from=a.jp" segments between results: a segment whose method or result is not a keyword
 *   (RFC 8601 section 2.2 `Keyword`) is skipped.
 * - Properties without a ptype ("action=none" from Microsoft) are kept as written.
 *
 * Parsing never decides trust: see trusted-authentication.ts.
 */
import { boundedValue } from "./limits.ts";
import { type Token, tokenize } from "./structured-tokens.ts";

export interface AuthResult {
  /** Lower-case method: "spf", "dkim", "dmarc", "arc", "iprev", "auth", "bimi", ... */
  method: string;
  /** The method version when written ("dkim/1=pass"). */
  methodVersion?: string;
  /** Lower-case result: "pass", "fail", "softfail", "neutral", "none", "temperror", ... */
  result: string;
  reason?: string;
  /**
   * Properties by lower-case "ptype.property" ("smtp.mailfrom", "header.d", "header.i",
   * "header.from", "policy.dmarc"...), values unquoted. The first of a repeated key is kept.
   */
  properties: Record<string, string>;
  /** The comments of this result, joined with "; " ("google.com: domain of a@b designates..."). */
  comment?: string;
}

export interface AuthenticationResults {
  /** Who made the checks (RFC 8601 section 2.5); "" when the field has none (Microsoft). */
  authservId: string;
  version?: string;
  /** ARC instance (`i=`) of an ARC-Authentication-Results field. */
  instance?: number;
  /** True for the explicit "none" of RFC 8601 section 2.2 (`no-result`). */
  noResult: boolean;
  results: AuthResult[];
  raw: string;
}

const KEYWORD = /^[a-z0-9][a-z0-9_-]*$/i;

interface Pair {
  key: string;
  value: string;
}

/** Splits tokens at top-level semicolons. */
function segments(tokens: readonly Token[]): Token[][] {
  const out: Token[][] = [[]];
  for (const token of tokens) {
    if (token.kind === "semicolon") out.push([]);
    else out[out.length - 1]!.push(token);
  }
  return out.filter((segment) => segment.length > 0);
}

/**
 * key=value pairs of a segment, with CFWS allowed around "=" (RFC 8601 section 2.2):
 * "a=b", "a= b", "a =b", "a = b", values quoted or not. Words that are not part of a pair are
 * skipped.
 */
function pairs(segment: readonly Token[]): Pair[] {
  const values = segment.filter((t) => t.kind !== "comment");
  const out: Pair[] = [];
  for (let i = 0; i < values.length; i++) {
    const token = values[i]!;
    const next = values[i + 1];
    const after = values[i + 2];
    const isPairWord = (t: Token | undefined) => t?.kind === "word" && t.text.includes("=");
    if (token.kind === "word" && token.text.includes("=") && !token.text.startsWith("=")) {
      const eq = token.text.indexOf("=");
      let value = token.text.slice(eq + 1);
      if (value === "" && next && !isPairWord(next)) {
        value = next.text;
        i++;
      }
      out.push({ key: token.text.slice(0, eq), value });
    } else if (next?.kind === "word" && next.text.startsWith("=")) {
      let value = next.text.slice(1);
      i++;
      if (value === "" && after && !isPairWord(after)) {
        value = after.text;
        i++;
      }
      out.push({ key: token.text, value });
    }
  }
  return out;
}

function comments(segment: readonly Token[]): string | undefined {
  const texts = segment.filter((t) => t.kind === "comment" && t.text !== "").map((t) => t.text);
  return texts.length > 0 ? texts.join("; ") : undefined;
}

function looksLikeResult(segment: readonly Token[]): boolean {
  const first = segment.find((t) => t.kind !== "comment");
  const second = segment[segment.indexOf(first!) + 1];
  return (
    first?.kind === "word" &&
    (first.text.includes("=") || (second?.kind === "word" && second.text.startsWith("=")))
  );
}

function readResult(segment: readonly Token[]): AuthResult | null {
  const [methodSpec, ...rest] = pairs(segment);
  if (!methodSpec) return null;
  const [method = "", methodVersion] = methodSpec.key.split("/").map((s) => s.trim());
  const result = methodSpec.value.trim();
  if (!KEYWORD.test(method) || !KEYWORD.test(result)) return null;
  const parsed: AuthResult = {
    method: method.toLowerCase(),
    result: result.toLowerCase(),
    properties: {},
  };
  if (methodVersion) parsed.methodVersion = methodVersion;
  for (const { key, value } of rest) {
    const name = key.trim().toLowerCase();
    if (name === "reason" && parsed.reason === undefined) parsed.reason = value;
    else if (name !== "" && !(name in parsed.properties)) parsed.properties[name] = value;
  }
  const comment = comments(segment);
  if (comment) parsed.comment = comment;
  return parsed;
}

function readPayload(tokens: readonly Token[], raw: string): AuthenticationResults {
  const parts = segments(tokens);
  const out: AuthenticationResults = { authservId: "", noResult: false, results: [], raw };
  let idFound = false;
  const head = parts[0];
  if (head && !looksLikeResult(head)) {
    const values = head.filter((t) => t.kind !== "comment");
    out.authservId = values[0]?.text ?? "";
    idFound = values.length > 0;
    const version = values[1];
    if (version?.kind === "word" && /^\d+$/.test(version.text)) out.version = version.text;
    parts.shift();
  }
  for (const part of parts) {
    const values = part.filter((t) => t.kind !== "comment");
    if (values.length === 1 && values[0]!.kind === "word" && !values[0]!.text.includes("=")) {
      if (values[0]!.text.toLowerCase() === "none") out.noResult = true;
      else if (!idFound) {
        out.authservId = values[0]!.text;
        idFound = true;
      }
      continue;
    }
    const result = readResult(part);
    if (result) out.results.push(result);
  }
  return out;
}

export function parseAuthenticationResults(value: string): AuthenticationResults {
  return readPayload(tokenize(boundedValue(value)), value);
}

/** ARC-Authentication-Results: "i=N;" then an Authentication-Results payload. */
export function parseArcAuthenticationResults(value: string): AuthenticationResults {
  const tokens = tokenize(boundedValue(value));
  const firstSemicolon = tokens.findIndex((t) => t.kind === "semicolon");
  const head = firstSemicolon === -1 ? [] : tokens.slice(0, firstSemicolon);
  const instance = pairs(head).find((p) => p.key.trim().toLowerCase() === "i");
  if (!instance) return readPayload(tokens, value);
  const parsed = readPayload(tokens.slice(firstSemicolon + 1), value);
  const n = Number(instance.value);
  if (Number.isInteger(n) && n > 0) parsed.instance = n;
  return parsed;
}
