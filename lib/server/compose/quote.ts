/**
 * The quoted original in a reply and the forwarded header block, as HTML for the editor and as
 * plain text. Everything taken from the original is escaped (text) or has been through the
 * sanitizer (HTML) before it reaches here; hostile header text is put on one line.
 */
import { oneLine } from "../../mail/mime/build/foreign-text.ts";
import type { Person } from "./recipients.ts";

export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

export function personText(person: Person | undefined): string {
  if (!person) return "an unknown sender";
  const name = oneLine(person.name);
  return name ? `${name} <${person.address}>` : person.address;
}

function dateText(date: Date | null): string {
  return date ? date.toUTCString().replace("GMT", "UTC") : "an unknown date";
}

/** "On Sat, 21 Nov 2026 09:00:00 UTC, Bob Builder <bob@example.test> wrote:" */
export function attribution(date: Date | null, from: Person | undefined): string {
  return `On ${dateText(date)}, ${personText(from)} wrote:`;
}

/** Plain text as editor HTML: a div per line, an empty line as <div><br></div>. */
export function textToHtml(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => (line === "" ? "<div><br></div>" : `<div>${escapeHtml(line)}</div>`))
    .join("");
}

/** RFC 3676 section 4.5 style: "> " before each line, ">" alone before an empty one. */
export function quoteText(text: string): string {
  return text
    .replace(/\s+$/, "")
    .split(/\r\n|\r|\n/)
    .map((line) => (line === "" ? ">" : line.startsWith(">") ? `>${line}` : `> ${line}`))
    .join("\n");
}

export interface ForwardFacts {
  from: Person[];
  to: Person[];
  cc: Person[];
  date: Date | null;
  subject: string;
}

/** The block Gmail and Thunderbird put above a message forwarded inline. */
export function forwardHeaderLines(facts: ForwardFacts): string[] {
  const list = (people: Person[]) => people.map(personText).join(", ");
  const lines = [
    "---------- Forwarded message ----------",
    `From: ${list(facts.from) || "an unknown sender"}`,
    `Date: ${dateText(facts.date)}`,
    `Subject: ${oneLine(facts.subject)}`,
  ];
  if (facts.to.length > 0) lines.push(`To: ${list(facts.to)}`);
  if (facts.cc.length > 0) lines.push(`Cc: ${list(facts.cc)}`);
  return lines;
}

/** The signature block: RFC 3676 section 4.3's "-- " line, then the signature's lines. */
export function signatureText(signature: string): string {
  return signature.trim() === "" ? "" : `-- \n${signature.replace(/\s+$/, "")}`;
}

export function signatureHtml(signature: string): string {
  const text = signatureText(signature);
  // &nbsp; keeps the separator's trailing space through the editor and the text conversion.
  return text === "" ? "" : textToHtml(text).replace("<div>-- </div>", "<div>--&nbsp;</div>");
}
