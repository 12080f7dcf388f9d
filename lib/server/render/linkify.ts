// Finds URLs and e-mail addresses in plain text and turns them into link pieces. Only http:,
// https: and mailto: links are made (a `javascript:` in text stays text: Roundcube CVE-2012-3508's
// plain-text twin). The result is data for React to render; nothing here is HTML.
//
// Linear time on any input: each URL candidate is one run of non-space characters, scanned once
// (a rejected run is skipped whole), and each `@` expands a bounded number of characters.

export type PlainInline =
  | { type: "text"; text: string }
  | { type: "link"; text: string; href: string };

const TRIGGER = /https?:\/\/|mailto:|www\.|@/gi;
// Where a URL stops: whitespace, the delimiters RFC 3986 Appendix C suggests around URLs in text
// (`<…>`, `"…"`), and control characters.
const URL_STOP = /[\s<>"\u0000-\u001f\u007f]/;
const LOCAL_CHAR = /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]/;
const DOMAIN_CHAR = /[A-Za-z0-9.-]/;
const WORD_CHAR = /[A-Za-z0-9]/;
// RFC 5321 §4.5.3.1: local part ≤ 64, domain ≤ 255.
const MAX_LOCAL = 64;
const MAX_DOMAIN = 255;

interface Found {
  start: number;
  end: number;
  href: string;
}

/** Strips punctuation that ends a sentence rather than the URL; keeps balanced closing brackets. */
function trimUrlEnd(candidate: string): string {
  let url = candidate;
  for (;;) {
    const last = url.at(-1);
    if (last === undefined) return url;
    if (".,;:!?'*_~".includes(last)) {
      url = url.slice(0, -1);
      continue;
    }
    const pair = last === ")" ? "(" : last === "]" ? "[" : last === "}" ? "{" : null;
    if (pair !== null && url.split(pair).length < url.split(last).length) {
      url = url.slice(0, -1);
      continue;
    }
    return url;
  }
}

function urlHref(text: string): string | null {
  // `www.example.com` has no scheme; browsers and mail clients assume http.
  const absolute = /^www\./i.test(text) ? `http://${text}` : text;
  try {
    const url = new URL(absolute);
    if (url.protocol === "mailto:") return url.pathname.length > 0 ? url.href : null;
    if (url.protocol === "http:" || url.protocol === "https:")
      return url.hostname ? url.href : null;
    return null;
  } catch {
    return null;
  }
}

/** A URL at `start`; null to look at the next trigger, "skip" to skip this run of characters. */
function findUrl(text: string, start: number): Found | "skip" | null {
  if (start > 0 && WORD_CHAR.test(text[start - 1]!)) return "skip";
  let end = start;
  while (end < text.length && !URL_STOP.test(text[end]!)) end++;
  const candidate = trimUrlEnd(text.slice(start, end));
  // `www.jane@example.com` is an address, not a URL with user info: let the `@` find it.
  if (/^www\./i.test(candidate) && candidate.includes("@")) return null;
  const href = urlHref(candidate);
  if (href === null) return "skip";
  return { start, end: start + candidate.length, href };
}

function findEmail(text: string, at: number, floor: number): Found | null {
  let start = at;
  while (start > floor && at - start < MAX_LOCAL && LOCAL_CHAR.test(text[start - 1]!)) start--;
  // A longer local part is not an address (and linking its last 64 characters would mislead).
  if (start > floor && LOCAL_CHAR.test(text[start - 1]!)) return null;
  while (text[start] === ".") start++;
  let end = at + 1;
  while (end < text.length && end - at <= MAX_DOMAIN && DOMAIN_CHAR.test(text[end]!)) end++;
  while (end > at + 1 && (text[end - 1] === "." || text[end - 1] === "-")) end--;
  const local = text.slice(start, at);
  const domain = text.slice(at + 1, end);
  if (
    !local ||
    local.endsWith(".") ||
    !/^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/.test(domain)
  ) {
    return null;
  }
  return { start, end, href: `mailto:${local}@${domain}` };
}

export function linkify(text: string): PlainInline[] {
  const out: PlainInline[] = [];
  let plain = 0; // start of the text not yet emitted
  const trigger = new RegExp(TRIGGER.source, "gi");
  let match = trigger.exec(text);
  while (match !== null) {
    const found =
      match[0] === "@" ? findEmail(text, match.index, plain) : findUrl(text, match.index);
    if (found === "skip") {
      // Skip the whole run of non-space characters: rescanning its suffixes would be quadratic.
      let end = match.index + 1;
      while (end < text.length && !URL_STOP.test(text[end]!)) end++;
      trigger.lastIndex = end;
    } else if (found !== null) {
      if (found.start > plain) out.push({ type: "text", text: text.slice(plain, found.start) });
      out.push({ type: "link", text: text.slice(found.start, found.end), href: found.href });
      plain = found.end;
      trigger.lastIndex = found.end;
    }
    match = trigger.exec(text);
  }
  if (plain < text.length) out.push({ type: "text", text: text.slice(plain) });
  return out;
}
