/**
 * Content type from the first bytes ("magic numbers"), to compare with what a part declares.
 * A PNG-labelled part that starts with `<html>` (hostile p09) or an `image/jpeg` that is really
 * a Windows executable is worth a warning; serving must rely on declared type + nosniff anyway.
 * Only unambiguous signatures are listed: a wrong guess is worse than none.
 */

interface Signature {
  type: string;
  /** Bytes at `offset`; `null` entries match any byte. */
  bytes: (number | null)[];
  offset?: number;
}

const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

const SIGNATURES: Signature[] = [
  { type: "application/pdf", bytes: ascii("%PDF-") },
  { type: "image/png", bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: "image/jpeg", bytes: [0xff, 0xd8, 0xff] },
  { type: "image/gif", bytes: ascii("GIF87a") },
  { type: "image/gif", bytes: ascii("GIF89a") },
  { type: "image/webp", bytes: [...ascii("RIFF"), null, null, null, null, ...ascii("WEBP")] },
  { type: "audio/wav", bytes: [...ascii("RIFF"), null, null, null, null, ...ascii("WAVE")] },
  { type: "image/bmp", bytes: ascii("BM"), offset: 0 },
  { type: "image/tiff", bytes: [0x49, 0x49, 0x2a, 0x00] },
  { type: "image/tiff", bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { type: "image/x-icon", bytes: [0x00, 0x00, 0x01, 0x00] },
  { type: "application/zip", bytes: [0x50, 0x4b, 0x03, 0x04] },
  { type: "application/zip", bytes: [0x50, 0x4b, 0x05, 0x06] },
  { type: "application/gzip", bytes: [0x1f, 0x8b, 0x08] },
  { type: "application/x-7z-compressed", bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { type: "application/vnd.rar", bytes: ascii("Rar!\x1a\x07") },
  { type: "application/x-bzip2", bytes: ascii("BZh") },
  { type: "application/x-ole-storage", bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { type: "application/vnd.ms-tnef", bytes: [0x78, 0x9f, 0x3e, 0x22] },
  { type: "application/x-msdownload", bytes: ascii("MZ") },
  { type: "application/x-elf", bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { type: "application/x-mach-binary", bytes: [0xcf, 0xfa, 0xed, 0xfe] },
  { type: "application/rtf", bytes: ascii("{\\rtf") },
  { type: "application/postscript", bytes: ascii("%!PS") },
  { type: "audio/mpeg", bytes: ascii("ID3") },
  { type: "audio/ogg", bytes: ascii("OggS") },
  { type: "audio/flac", bytes: ascii("fLaC") },
  { type: "video/mp4", bytes: ascii("ftyp"), offset: 4 },
  { type: "application/pgp-encrypted", bytes: ascii("-----BEGIN PGP MESSAGE") },
  { type: "application/pgp-signature", bytes: ascii("-----BEGIN PGP SIGNATURE") },
  { type: "application/pgp-keys", bytes: ascii("-----BEGIN PGP PUBLIC KEY") },
];

/** Markup that a browser would run as a document: the dangerous lie (hostile p09). */
const MARKUP: [RegExp, string][] = [
  [/^<!doctype\s+html|^<html|^<head|^<body|^<script|^<iframe|^<meta|^<title/i, "text/html"],
  [/^<svg|^<\?xml[^>]*>\s*(?:<!--.*?-->\s*)*<svg/is, "image/svg+xml"],
  [/^<\?xml/i, "application/xml"],
];

function matches(head: Uint8Array, sig: Signature): boolean {
  const offset = sig.offset ?? 0;
  if (head.length < offset + sig.bytes.length) return false;
  return sig.bytes.every((b, i) => b === null || head[offset + i] === b);
}

/** The type the first bytes prove, or null when they prove nothing. */
export function sniffType(head: Uint8Array | null): string | null {
  if (!head || head.length === 0) return null;
  for (const sig of SIGNATURES) {
    if (sig.type === "image/bmp") {
      // "BM" alone is too common in text; require the BMP header's reserved zero bytes.
      if (
        head.length >= 10 &&
        head[0] === 0x42 &&
        head[1] === 0x4d &&
        head[6] === 0 &&
        head[7] === 0 &&
        head[8] === 0 &&
        head[9] === 0
      ) {
        return "image/bmp";
      }
      continue;
    }
    if (matches(head, sig)) return sig.type;
  }
  let start = 0;
  // Skip a UTF-8 byte order mark and leading white space, as browsers do when sniffing.
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) start = 3;
  while (
    start < head.length &&
    (head[start] === 0x20 || head[start] === 0x09 || head[start] === 0x0a || head[start] === 0x0d)
  )
    start++;
  const text = String.fromCharCode(...head.subarray(start, start + 64));
  for (const [pattern, type] of MARKUP) if (pattern.test(text)) return type;
  return null;
}

/** Families of types that are the same thing under different names. */
const EQUIVALENT: Record<string, string> = {
  "image/jpg": "image/jpeg",
  "image/pjpeg": "image/jpeg",
  "application/x-pdf": "application/pdf",
  "application/x-zip-compressed": "application/zip",
  "application/x-zip": "application/zip",
  "application/x-gzip": "application/gzip",
  "application/ms-tnef": "application/vnd.ms-tnef",
  "application/x-msdos-program": "application/x-msdownload",
  "application/x-dosexec": "application/x-msdownload",
};

/** Container formats whose declared type may be more specific (docx is a zip, doc is OLE). */
const CONTAINERS = new Set(["application/zip", "application/x-ole-storage"]);

/**
 * True when the sniffed type contradicts the declared one. Generic declarations
 * (application/octet-stream) and containers holding a more specific format do not count.
 */
export function typeMismatch(declared: string, sniffed: string | null): boolean {
  if (!sniffed) return false;
  const d = EQUIVALENT[declared] ?? declared;
  const s = EQUIVALENT[sniffed] ?? sniffed;
  if (d === s) return false;
  if (
    d === "application/octet-stream" ||
    d === "application/unknown" ||
    d === "binary/octet-stream"
  ) {
    return s === "text/html" || s === "image/svg+xml";
  }
  if (CONTAINERS.has(s) && d.startsWith("application/")) return false;
  return true;
}
