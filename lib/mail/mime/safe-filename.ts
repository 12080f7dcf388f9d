/**
 * A filename fit to show and to offer for download (Content-Disposition, a ZIP entry). The
 * parser reports the decoded name exactly as sent; this is the one sanitiser, so the name the
 * reading pane shows is the name the downloaded file gets. Attachment names are attacker-chosen
 * text (hostile corpus p10); this defends against:
 *
 * - path traversal ("../../../tmp/x", "..\\..\\x"; SquirrelMail CVE-2018-8741 wrote
 *   attachments outside its directory): only the last non-empty path segment is kept, and
 *   leading dots are dropped so ".." and hidden files cannot come out;
 * - bidi controls (CWE-451): "invoice\u202Efdp.exe" shows as "invoiceexe.pdf". U+202A-U+202E,
 *   U+2066-U+2069, U+200E/U+200F and U+061C are removed so the real extension is what shows;
 * - invisible characters (zero-width space, word joiner, BOM) that hide a difference between
 *   two names; U+200D (zero-width joiner) and U+200C (non-joiner) stay: emoji sequences
 *   (family, flags, skin tones) and Persian and Indic words need them;
 * - control characters (header injection, terminal escapes) are removed, after line breaks and
 *   tabs became spaces (they separate words), and white space is collapsed;
 * - characters Windows refuses (<>:"|?*) become "_"; its device names (CON, NUL, COM1...) get a
 *   leading "_", and trailing dots and spaces (which Windows drops) are trimmed, so a saved file
 *   has the name we offered;
 * - very long names (5,000 characters) are cut to `MAX_FILENAME_CHARS` code points keeping the
 *   extension and whole graphemes (an emoji or accented letter is never split).
 *
 * Linear time throughout: trailing dots and spaces are trimmed by a loop, since the regex
 * /[\s.]+$/ backtracks quadratically ("a" + 40,000 dots + "b" took 2.7 s).
 * The result is never empty: the fallback ("attachment") stands in.
 */

/** Longest name offered, in code points. Most file systems stop at 255 bytes. */
export const MAX_FILENAME_CHARS = 150;
/**
 * Characters of a name that are looked at, from its end (where the basename and extension
 * are). No real name comes close; it bounds the work a hostile one can cause.
 */
export const MAX_FILENAME_INPUT_CHARS = 16 * 1024;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
// Zero-width space, word joiner, BOM. Not U+200C/U+200D (see the module comment).
const INVISIBLE = /[\u200B\u2060\uFEFF]/g;
// C0, DEL, C1.
const CONTROLS = /[\u0000-\u001F\u007F-\u009F]/g;
const WINDOWS_RESERVED = /[<>:"|?*]/g;
const WINDOWS_DEVICE = /^(?:CON|PRN|AUX|NUL|COM\d|LPT\d)(?:\.|$)/i;
/** A short ASCII extension is kept through truncation: ".pdf", ".tar.gz" keeps ".gz". */
const EXTENSION = /\.[A-Za-z0-9]{1,16}$/;

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

export interface SafeFilenameOptions {
  /** Maximum length in code points (default `MAX_FILENAME_CHARS`). */
  maxLength?: number;
  /** Used when nothing usable is left (default "attachment"). */
  fallback?: string;
}

export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** The longest prefix of `text` made of whole graphemes with at most `max` code points. */
export function truncateGraphemes(text: string, max: number): string {
  let out = "";
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const size = codePointLength(segment);
    if (used + size > max) break;
    out += segment;
    used += size;
  }
  return out;
}

/** "report.final.pdf" -> { stem: "report.final", extension: ".pdf" }. */
export function splitExtension(name: string): { stem: string; extension: string } {
  const extension = EXTENSION.exec(name)?.[0] ?? "";
  // ".pdf" alone is a stem: the leading dot was stripped, so this only meets names we build.
  if (extension === name) return { stem: name, extension: "" };
  return { stem: name.slice(0, name.length - extension.length), extension };
}

/** Cuts `name` to `max` code points, keeping its extension. */
export function truncateKeepingExtension(name: string, max: number): string {
  if (codePointLength(name) <= max) return name;
  const { stem, extension } = splitExtension(name);
  const room = max - extension.length;
  if (room < 1) return truncateGraphemes(name, max);
  const cut = trimDotsAndSpaces(truncateGraphemes(stem, room), false);
  return cut === "" ? truncateGraphemes(name, max) : cut + extension;
}

const isTrimmable = (c: string | undefined) => c === "." || (c !== undefined && /\s/.test(c));

/** Dots and white space trimmed from the end (and the start when `leading`), by a loop. */
function trimDotsAndSpaces(text: string, leading: boolean): string {
  let start = 0;
  let end = text.length;
  if (leading) while (start < end && isTrimmable(text[start])) start++;
  while (end > start && isTrimmable(text[end - 1])) end--;
  return text.slice(start, end);
}

export function safeFilename(
  name: string | null | undefined,
  options: SafeFilenameOptions = {},
): string {
  const fallback = options.fallback ?? "attachment";
  const maxLength = Math.max(1, Math.floor(options.maxLength ?? MAX_FILENAME_CHARS));
  if (!name) return fallback;
  // Trailing dots and spaces go before the window is cut, so they cannot push the name out.
  let text = trimDotsAndSpaces(String(name), false).slice(-MAX_FILENAME_INPUT_CHARS);
  text = text.normalize("NFC").replace(LONE_SURROGATE, "");
  // Invisible characters go first (JavaScript's \s counts the BOM as a space); then line breaks
  // and tabs become spaces, since they separate words, before the other controls go.
  text = text.replace(BIDI_CONTROLS, "").replace(INVISIBLE, "");
  text = text.replace(/\s/g, " ").replace(CONTROLS, "");
  // Last path component, whichever separator the sender's system used ("dir/" is "dir").
  const segments = text.split(/[/\\]/).filter((s) => s.trim() !== "");
  text = segments[segments.length - 1] ?? "";
  text = text.replace(WINDOWS_RESERVED, "_").replace(/ +/g, " ");
  text = trimDotsAndSpaces(text, true);
  if (WINDOWS_DEVICE.test(text)) text = `_${text}`;
  text = truncateKeepingExtension(text, maxLength);
  return text === "" ? fallback : text;
}
