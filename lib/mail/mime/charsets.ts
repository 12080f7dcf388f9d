/**
 * Charset label -> text. Labels resolve as the WHATWG Encoding Standard says (what browsers and
 * most webmail do: gb2312 is GBK, shift_jis is windows-31j, euc-kr is UHC, iso-8859-1 and
 * us-ascii are windows-1252), plus the aliases mail software writes that WHATWG does not list.
 * Decoding never throws: an unknown or broken label falls back to UTF-8 when the bytes are valid
 * UTF-8, else windows-1252 (the most common legacy charset of unlabelled Western mail).
 */
import { decodeUtf7 } from "./utf7.ts";
import { decodeWindows1252, decodeXUserDefined } from "./windows-1252.ts";

/** Labels seen in mail that the WHATWG list lacks, mapped to a WHATWG label. */
const MAIL_ALIASES: Record<string, string> = {
  "utf-7": "utf-7",
  "unicode-1-1-utf-7": "utf-7",
  "x-unicode-2-0-utf-7": "utf-7",
  csunicode11utf7: "utf-7",
  "utf-16": "utf-16le",
  "ucs-2": "utf-16le",
  unicode: "utf-16le",
  cp932: "shift_jis",
  "x-ms-cp932": "shift_jis",
  "shift-jis": "shift_jis",
  "x-euc-jp": "euc-jp",
  "x-euc": "euc-jp",
  cp936: "gbk",
  ms936: "gbk",
  gb_2312: "gbk",
  "euc-cn": "gbk",
  "x-euc-cn": "gbk",
  cp949: "euc-kr",
  uhc: "euc-kr",
  ks_c_5601: "euc-kr",
  ksc5601: "euc-kr",
  "x-windows-949": "euc-kr",
  "big5-hkscs": "big5",
  "cn-big5": "big5",
  "x-x-big5": "big5",
  cp950: "big5",
  tis620: "windows-874",
  cp874: "windows-874",
  "iso-8859-11": "windows-874",
  "x-mac-roman": "macintosh",
  "latin-1": "windows-1252",
  iso8859_1: "windows-1252",
  iso_8859_1: "windows-1252",
  "8859-1": "windows-1252",
  cp819: "windows-1252",
  koi8: "koi8-r",
};

type Decode = (bytes: Uint8Array) => string;

const cache = new Map<string, { encoding: string; decode: Decode } | null>();
const utf8Fatal = new TextDecoder("utf-8", { fatal: true });
const utf8 = new TextDecoder("utf-8");

function platformDecoder(label: string): { encoding: string; decode: Decode } | null {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    return null;
  }
  const encoding = decoder.encoding;
  if (encoding === "windows-1252") return { encoding, decode: decodeWindows1252 };
  if (encoding === "replacement") return null;
  if (encoding === "utf-16le") {
    // Mail "utf-16" usually starts with a byte order mark; honour a big-endian one.
    const be = new TextDecoder("utf-16be");
    return {
      encoding,
      decode: (bytes) => (bytes[0] === 0xfe && bytes[1] === 0xff ? be : decoder).decode(bytes),
    };
  }
  return { encoding, decode: (bytes) => decoder.decode(bytes) };
}

function resolve(label: string): { encoding: string; decode: Decode } | null {
  const cached = cache.get(label);
  if (cached !== undefined) return cached;
  let found: { encoding: string; decode: Decode } | null = null;
  const alias = MAIL_ALIASES[label] ?? MAIL_ALIASES[label.replace(/_/g, "-")];
  const target = alias ?? label;
  if (target === "utf-7") found = { encoding: "utf-7", decode: decodeUtf7 };
  else if (target === "x-user-defined") found = { encoding: target, decode: decodeXUserDefined };
  else {
    found = platformDecoder(target);
    // Python-style names: koi8_r, iso8859_2, windows_1251 ...
    if (!found && label.includes("_")) found = platformDecoder(label.replace(/_/g, "-"));
    if (!found && /^iso8859-?\d+$/.test(label))
      found = platformDecoder(label.replace(/^iso8859-?/, "iso-8859-"));
  }
  if (cache.size > 512) cache.clear(); // labels are attacker-chosen: keep the cache bounded
  cache.set(label, found);
  return found;
}

/** Lower-case, unquoted, trimmed label ("" when there is none). */
export function cleanCharsetLabel(label: string | null | undefined): string {
  if (!label) return "";
  return label
    .trim()
    .replace(/^["']+|["']+$/g, "")
    .trim()
    .toLowerCase();
}

/** The encoding name a label resolves to (WHATWG name, or "utf-7"), or null when unknown. */
export function charsetEncoding(label: string | null | undefined): string | null {
  const clean = cleanCharsetLabel(label);
  if (!clean) return null;
  return resolve(clean)?.encoding ?? null;
}

/**
 * True when the bytes read as UTF-8 with at most a stray broken sequence: a header or body
 * that is UTF-8 apart from a cut last character (a truncating mailer) is still UTF-8, while
 * ISO-8859-1 text ("Fr\xf6sche") has no valid multi-byte sequence at all.
 */
export function isMostlyUtf8(bytes: Uint8Array): boolean {
  if (isUtf8(bytes)) return true;
  const text = utf8.decode(bytes);
  let bad = 0;
  let good = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) bad++;
    else if (c >= 0x80) good++;
  }
  return good >= 4 * bad;
}

/** True when the bytes are valid UTF-8. */
export function isUtf8(bytes: Uint8Array): boolean {
  try {
    utf8Fatal.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function hasHighBytes(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

const ASCII_LABELS = new Set(["us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "us", "cp367"]);

export interface DecodedText {
  text: string;
  /** The encoding actually used ("utf-8", "windows-1252", "shift_jis", "utf-7", ...). */
  encoding: string;
  /** True when the declared label was missing, unknown or ASCII-but-8-bit and we guessed. */
  guessed: boolean;
}

/**
 * Decodes text in the declared charset. Missing or ASCII labels with 8-bit bytes are read as
 * UTF-8 when valid (the usual mislabelling), else windows-1252; unknown labels likewise.
 */
export function decodeCharset(bytes: Uint8Array, label: string | null | undefined): DecodedText {
  const clean = cleanCharsetLabel(label);
  const found = clean ? resolve(clean) : null;
  if (found && !(ASCII_LABELS.has(clean) && hasHighBytes(bytes))) {
    return { text: found.decode(bytes), encoding: found.encoding, guessed: false };
  }
  const guessed = clean !== "" || hasHighBytes(bytes);
  if (isMostlyUtf8(bytes)) return { text: utf8.decode(bytes), encoding: "utf-8", guessed };
  return { text: decodeWindows1252(bytes), encoding: "windows-1252", guessed: true };
}

/** Shorthand for `decodeCharset(bytes, label).text`. */
export function decodeText(bytes: Uint8Array, label: string | null | undefined): string {
  return decodeCharset(bytes, label).text;
}

/**
 * The charset an HTML document declares in its first bytes (`<meta charset=...>` or the
 * http-equiv Content-Type form), as browsers read it when the transport gives none (HTML
 * Standard, "prescan a byte stream to determine its encoding", simplified). Null when none.
 */
export function htmlMetaCharset(bytes: Uint8Array): string | null {
  let head = "";
  const n = Math.min(bytes.length, 1024);
  for (let i = 0; i < n; i++) head += String.fromCharCode(bytes[i]!);
  const m = /<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(head);
  return m ? m[1]! : null;
}
