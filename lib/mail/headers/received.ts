/**
 * One Received trace field (RFC 5321 section 4.4, RFC 5322 section 3.6.7) read into its
 * clauses, as real MTAs write them:
 *
 *   Received: from HELO (rdns [ip]) by host (software) via link with protocol id queue-id
 *             for <recipient>; date-time
 *
 * Clauses come in any order (Smail writes `by` first) and any may be missing (qmail's
 * "(qmail 123 invoked by uid 60001); date" has none). Comments carry most of the useful detail:
 * the verified peer (see received-endpoints.ts), TLS parameters (Postfix "(using TLSv1.3 with
 * cipher ...)", Sendmail and Gmail "(version=TLSv1/SSLv3 cipher=...)", Exchange
 * "(version=TLS1_2, cipher=...)", Exim "(TLS1.2:ECDHE_RSA_...:256)", Gmail "(Google Transport
 * Security)"), the envelope sender (Exim "(envelope-from <a@b>)", qmail "(envelope-sender <>)").
 *
 * Never throws: garbage gives a result with what could be read, `date: null`, and `raw`.
 */
import { parseDate } from "../mime/index.ts";
import { boundedValue } from "./limits.ts";
import {
  isTlsComment,
  type ReceivedBy,
  type ReceivedFrom,
  readBy,
  readFrom,
} from "./received-endpoints.ts";
import { type Token, tokenize } from "./structured-tokens.ts";

export type { ReceivedBy, ReceivedFrom } from "./received-endpoints.ts";

export interface ReceivedField {
  from?: ReceivedFrom;
  by?: ReceivedBy;
  /** Link type (RFC 5321 "via": "TCP", "listexpand", "MS.5.6..."). */
  via?: string;
  /** Protocol as written ("ESMTPS", "esmtp", "LMTP", "HTTP", "mapi", "Microsoft SMTP Server"). */
  with?: string;
  /** Queue or message id as written (angle brackets kept). */
  id?: string;
  /** Recipient named by the `for` clause, without angle brackets. */
  for?: string;
  /** Envelope sender when a comment gives it (Exim envelope-from, qmail envelope-sender). */
  envelopeFrom?: string;
  /**
   * TLS details from the comments, joined with "; ", or the protocol name when only the
   * protocol says TLS was used (RFC 3848: ESMTPS, ESMTPSA, LMTPS...).
   */
  tls?: string;
  /** Every comment, in order, without the outer parentheses. */
  comments: string[];
  date: Date | null;
  /** The text after the last top-level ";" (or the date found in the text); "" when none. */
  dateRaw: string;
  raw: string;
}

const CLAUSES = new Set(["from", "by", "via", "with", "id", "for"]);
type Clause = "from" | "by" | "via" | "with" | "id" | "for";

// Protocol names that say the hop was encrypted: RFC 3848 (ESMTPS, ESMTPSA, LMTPS...), RFC 6531
// (UTF8SMTPS...), Gmail's SMTPS, Exchange's HTTPS (Outlook on the web / REST submission).
const TLS_PROTOCOL = /^(?:(?:E|UTF8)?(?:SMTP|LMTP)SA?|HTTPS)$/i;

// Last resort for fields without a top-level ";" (Netscape Mail Server, unbalanced comments).
const DATE_IN_TEXT =
  /(?:\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s*)?\b\d{1,2}[\s-]+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[\s-]+\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:[+-]\d{4}|[a-z]{1,5}\b))?(?:\s*\([^()]*\))?/gi;

function tokenText(token: Token): string {
  if (token.kind === "angle") return `<${token.text}>`;
  if (token.kind === "literal") return `[${token.text}]`;
  return token.text;
}

function lastDateIn(text: string): { raw: string; index: number; date: Date } | null {
  let found: { raw: string; index: number; date: Date } | null = null;
  for (const match of text.matchAll(DATE_IN_TEXT)) {
    const date = parseDate(match[0]).date;
    if (date) found = { raw: match[0].trim(), index: match.index ?? 0, date };
  }
  return found;
}

/** Splits the tokens into the clause part and the date after the last top-level ";". */
function splitDate(text: string, tokens: Token[]) {
  let semicolon = -1;
  for (let i = tokens.length - 1; i >= 0; i--) {
    if (tokens[i]!.kind === "semicolon") {
      semicolon = i;
      break;
    }
  }
  if (semicolon !== -1) {
    const dateRaw = text.slice(tokens[semicolon]!.end).trim();
    const date = parseDate(dateRaw).date;
    if (date || dateRaw !== "") {
      return {
        clauses: tokens.slice(0, semicolon),
        dateRaw,
        date: date ?? lastDateIn(dateRaw)?.date ?? null,
      };
    }
  }
  const found = lastDateIn(text);
  if (!found) return { clauses: tokens, dateRaw: "", date: null };
  return {
    clauses: tokens.filter((t) => t.start < found.index),
    dateRaw: found.raw,
    date: found.date,
  };
}

function groupClauses(tokens: Token[]) {
  const groups = new Map<Clause, Token[]>();
  let current: Token[] | null = null;
  for (const token of tokens) {
    const keyword = token.kind === "word" ? token.text.toLowerCase() : "";
    if (CLAUSES.has(keyword)) {
      const clause = keyword as Clause;
      if (groups.has(clause)) {
        // A second clause of the same kind (Exim writes "from <TLS peer DN> (verified)" after
        // the real one) is read as nothing rather than overwriting the first.
        current = [];
      } else {
        current = [];
        groups.set(clause, current);
      }
      continue;
    }
    if (token.kind === "semicolon") continue;
    current?.push(token);
  }
  return groups;
}

function firstValue(tokens: Token[] | undefined): Token | undefined {
  return tokens?.find((t) => t.kind !== "comment");
}

function readWith(tokens: Token[] | undefined): string | undefined {
  const first = firstValue(tokens);
  if (!first) return undefined;
  // Exchange writes a phrase: "with Microsoft SMTP Server (version=...)", "Microsoft SMTPSVC(6.0)".
  if (first.kind === "word" && first.text === "Microsoft") {
    const words: string[] = [];
    for (const token of tokens!.slice(tokens!.indexOf(first))) {
      if (token.kind !== "word") break;
      words.push(token.text);
    }
    return words.join(" ");
  }
  return tokenText(first);
}

function readFor(tokens: Token[] | undefined): string | undefined {
  const first = firstValue(tokens);
  if (!first) return undefined;
  if (first.kind !== "word") return first.text;
  // "for multiple recipients" is written bare by some MTAs: keep the words together.
  const words: string[] = [];
  for (const token of tokens!.slice(tokens!.indexOf(first))) {
    if (token.kind !== "word") break;
    words.push(token.text);
  }
  return words.join(" ");
}

function readTls(comments: string[], protocol: string | undefined): string | undefined {
  const described = comments.filter(isTlsComment);
  if (described.length > 0) return described.join("; ");
  return protocol && TLS_PROTOCOL.test(protocol) ? protocol : undefined;
}

export function parseReceived(value: string): ReceivedField {
  const text = boundedValue(value);
  const tokens = tokenize(text, { angle: true, literal: true });
  const { clauses, dateRaw, date } = splitDate(text, tokens);
  const groups = groupClauses(clauses);
  // Sendmail writes "(envelope-from a@b)" after the date, so comments are read from everywhere.
  const comments = tokens.filter((t) => t.kind === "comment").map((t) => t.text);

  const result: ReceivedField = { comments, date, dateRaw, raw: value };
  const exim = comments.some((c) => /^Exim\b/.test(c));
  const fromTokens = groups.get("from");
  if (fromTokens && fromTokens.length > 0) result.from = readFrom(fromTokens, exim);
  const byTokens = groups.get("by");
  if (byTokens && byTokens.length > 0) result.by = readBy(byTokens);
  const via = firstValue(groups.get("via"));
  if (via) result.via = tokenText(via);
  const protocol = readWith(groups.get("with"));
  if (protocol) result.with = protocol;
  const id = firstValue(groups.get("id"));
  if (id) result.id = tokenText(id);
  const recipient = readFor(groups.get("for"));
  if (recipient !== undefined) result.for = recipient;
  for (const comment of comments) {
    const envelope = /^envelope-(?:from|sender)\s*(?:<([^>]*)>|(\S+))/i.exec(comment);
    if (envelope) {
      result.envelopeFrom = (envelope[1] ?? envelope[2] ?? "").trim();
      break;
    }
  }
  const tls = readTls(comments, result.with);
  if (tls) result.tls = tls;
  return result;
}
