/**
 * A filename fit to show and to put in a download's Content-Disposition. The parser reports
 * the decoded name exactly as sent; this is the app's sanitiser. Defends against:
 * - path traversal (`../../etc/passwd`, `C:\Windows\...`; SquirrelMail CVE-2018-8741): the last
 *   path component only, with no separators left;
 * - bidi overrides that disguise the extension (`invoice\u202Efdp.exe` shows as
 *   "invoiceexe.pdf", CWE-451): all bidi controls removed;
 * - control characters (C0, DEL, C1) and characters Windows refuses (`<>:"|?*`);
 * - hidden or empty names (leading dots, trailing dots/spaces) and device names (`CON`, `NUL`);
 * - very long names: truncated with the extension kept, counted in code points.
 */

const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;
const WINDOWS_RESERVED = /[<>:"|?*]/g;
const DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

export interface SafeFilenameOptions {
  /** Maximum length in code points (default 120). */
  maxLength?: number;
  /** Used when nothing usable is left (default "attachment"). */
  fallback?: string;
}

export function safeFilename(
  name: string | null | undefined,
  options: SafeFilenameOptions = {},
): string {
  const maxLength = Math.max(8, options.maxLength ?? 120);
  const fallback = options.fallback ?? "attachment";
  if (!name) return fallback;
  let clean = name.normalize("NFC").replace(BIDI, "").replace(INVISIBLE, "").replace(CONTROL, "");
  // Last path component, whichever separator the sender's system used.
  const parts = clean.split(/[/\\]/);
  clean = parts[parts.length - 1] ?? "";
  clean = clean.replace(WINDOWS_RESERVED, "_").replace(/\s+/g, " ");
  clean = clean.replace(/^[\s.]+/, "").replace(/[\s.]+$/, "");
  if (clean === "") return fallback;
  if (DEVICE.test(clean)) clean = `_${clean}`;
  const chars = Array.from(clean);
  if (chars.length <= maxLength) return clean;
  const dot = clean.lastIndexOf(".");
  const ext = dot > 0 ? Array.from(clean.slice(dot)) : [];
  if (ext.length > 0 && ext.length <= 16) {
    const stem = Array.from(clean.slice(0, dot)).slice(0, maxLength - ext.length - 1);
    return `${stem.join("").trimEnd()}…${ext.join("")}`;
  }
  return `${chars
    .slice(0, maxLength - 1)
    .join("")
    .trimEnd()}…`;
}
