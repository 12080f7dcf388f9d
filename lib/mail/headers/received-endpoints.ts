/**
 * The two ends of one Received hop: who connected (`from`) and who wrote the field (`by`).
 *
 * RFC 5321 section 4.4 has `from` carry the name the client gave in EHLO, followed by a TCP-info
 * comment with what the server itself saw: "(reverse-DNS-name [IP])". MTAs fill that in very
 * differently, and this module reads them all into { helo, host, ip }:
 *
 *   Postfix, Sendmail, Gmail  from HELO (rdns [ip])            "unknown" when there is no rDNS
 *   Sendmail with ident       from HELO (user@rdns [ip])       (IDENT:user@rdns [ip]) too
 *   Exim                      from rdns ([ip] helo=HELO)       helo= left out when it equals rdns;
 *                             from [ip] (helo=HELO)            the first word is the verified name
 *   qmail, qpsmtpd            from rdns (HELO name) (ip)       "unknown" when there is no rDNS
 *   vger (kernel.org)         from rdns ([ip]:port "EHLO name" rhost-flags-...)
 *   Exchange / Outlook.com    from HELO (ip)                   IPv6 written bare
 *   ZoneMTA                   from HELO [ip]                   literal outside the comment
 *   Dovecot LMTP              from HELO ([ip])
 *
 * `helo` is what the client claimed, `host` a name the receiving server resolved or verified,
 * `ip` the address it saw. Nothing here is trusted: every Received field below the receiving
 * server's own can be forged by the sender.
 */
import { ipFromText, isIPv4, isIPv6 } from "./ip-address.ts";
import type { Token } from "./structured-tokens.ts";

export interface ReceivedFrom {
  helo?: string;
  host?: string;
  ip?: string;
}

export interface ReceivedBy {
  host?: string;
  ip?: string;
}

/** A dotted host name (or "localhost"), without a trailing root dot. */
function hostName(word: string): string | undefined {
  const name = word.replace(/\.$/, "");
  if (name.toLowerCase() === "localhost") return name;
  if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$/.test(name)) return undefined;
  // All digits and dots is an IP (or an Exchange build number), not a name.
  if (/^[\d.]+$/.test(name)) return undefined;
  return name;
}

const LEADING = new Set(['"', "'", "(", "<"]);
const TRAILING = new Set(['"', "'", ",", ";", ")", ">"]);

/** Quotes and brackets around a word; a loop, since a regex anchored at "$" is quadratic here. */
function stripPunctuation(word: string): string {
  let start = 0;
  let end = word.length;
  while (start < end && LEADING.has(word[start]!)) start++;
  while (end > start && TRAILING.has(word[end - 1]!)) end--;
  return word.slice(start, end);
}

/** The first IP address written anywhere in a comment, bracketed or bare. */
function ipInComment(text: string): string | undefined {
  // "[" is excluded inside too, so a run of "[[[[" costs linear time, not quadratic.
  for (const match of text.matchAll(/\[[^[\]]*\](?::\d{1,5})?/g)) {
    const ip = ipFromText(match[0]);
    if (ip) return ip;
  }
  for (const word of text.split(/\s+/)) {
    const ip = ipFromText(stripPunctuation(word).replace(/^[^@]*@/, ""));
    if (ip) return ip;
  }
  return undefined;
}

/** Exim's helo=, qmail's "HELO name", vger's "EHLO name". */
function heloInComment(text: string): string | undefined {
  const match = /(?:^|[\s(])helo=(\[[^[\]\s]*\]|[^\s)]+)|\b(?:EHLO|HELO)\s+([^\s)"]+)/i.exec(text);
  const helo = match?.[1] ?? match?.[2];
  return helo ? stripPunctuation(helo) : undefined;
}

/**
 * The reverse-DNS name in a TCP-info comment: the word right before the address
 * ("mail.example.net. [192.0.2.1]"), or the whole comment when it is a lone (user@)host.
 */
function rdnsInComment(text: string): string | undefined {
  const words = text
    .replace(/<[^<>]*>/g, " ")
    .replace(/"[^"]*"/g, " ")
    .split(/\s+/)
    .filter((w) => w !== "");
  const withoutUser = (w: string) => w.replace(/^.*@/, "");
  const ipAt = words.findIndex((w) => ipFromText(stripPunctuation(w).replace(/^.*@/, "")));
  if (ipAt > 0) return hostName(withoutUser(stripPunctuation(words[ipAt - 1]!)));
  if (ipAt === -1 && words.length === 1) return hostName(withoutUser(stripPunctuation(words[0]!)));
  return undefined;
}

function isAddressText(text: string): boolean {
  return isIPv4(text) || isIPv6(text);
}

/** Comments that describe the TLS session (cipher, version, client certificate), not the peer. */
export function isTlsComment(text: string): boolean {
  return /\b(?:TLS|SSL)v?\d|version=|cipher|Transport Security|\bClient (?:CN|certificate)|client certificate|did not present a certificate/i.test(
    text,
  );
}

function isPeerComment(text: string): boolean {
  return !isTlsComment(text) && !/^envelope-(?:from|sender)\b/i.test(text);
}

/**
 * Reads the tokens of a `from` clause (everything after the keyword up to the next keyword).
 * `exim` is true when the by/with comments name Exim: then the first word is a verified name.
 */
export function readFrom(tokens: readonly Token[], exim: boolean): ReceivedFrom {
  const result: ReceivedFrom = {};
  const first = tokens.find((t) => t.kind !== "comment");
  const peerComments = tokens.filter((t) => t.kind === "comment" && isPeerComment(t.text));
  let explicitHelo: string | undefined;
  let rdns: string | undefined;
  let commentIp: string | undefined;
  for (const comment of peerComments) {
    explicitHelo ??= heloInComment(comment.text);
    // Exim's "helo=[10.0.0.27]" is what the client claimed, not the address the server saw.
    const ip = ipInComment(comment.text.replace(/helo=\S+/gi, ""));
    commentIp ??= ip;
    if (rdns === undefined && (ip !== undefined || !comment.text.includes(" "))) {
      const name = rdnsInComment(comment.text);
      if (name && name.toLowerCase() !== "unknown") rdns = name;
    }
  }
  // ZoneMTA and a few others put the address literal outside the comment.
  const literal = tokens.find((t) => t.kind === "literal" && t !== first);
  commentIp ??= literal ? ipFromText(`[${literal.text}]`) : undefined;

  let nameIp: string | undefined;
  let name: string | undefined;
  if (first?.kind === "literal") nameIp = ipFromText(`[${first.text}]`);
  else if (first?.kind === "word") {
    nameIp = isAddressText(first.text) ? first.text : undefined;
    name = first.text;
  }
  const firstText = first?.kind === "literal" ? `[${first.text}]` : name;
  const nameIsHost = name !== undefined && nameIp === undefined && hostName(name) !== undefined;

  const helo =
    explicitHelo ?? (firstText && firstText.toLowerCase() !== "unknown" ? firstText : undefined);
  if (helo) result.helo = helo;
  if (rdns) result.host = rdns;
  // Exim and qmail write the verified name first and the HELO name in the comment.
  else if (nameIsHost && (explicitHelo !== undefined || exim)) result.host = hostName(name!);
  const ip = commentIp ?? nameIp;
  if (ip) result.ip = ip;
  return result;
}

/** Reads the tokens of a `by` clause: the receiving host, and its address when written. */
export function readBy(tokens: readonly Token[]): ReceivedBy {
  const result: ReceivedBy = {};
  const first = tokens.find((t) => t.kind !== "comment");
  if (first?.kind === "literal") {
    const ip = ipFromText(`[${first.text}]`);
    if (ip) result.ip = ip;
  } else if (first?.kind === "word") {
    if (isAddressText(first.text)) result.ip = first.text;
    else result.host = first.text.replace(/\.$/, "");
  }
  if (result.ip === undefined) {
    for (const token of tokens) {
      if (token.kind !== "comment" || !isPeerComment(token.text)) continue;
      const ip = ipInComment(token.text);
      if (ip) {
        result.ip = ip;
        break;
      }
    }
  }
  return result;
}
