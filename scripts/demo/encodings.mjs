/**
 * Transfer encodings and header encodings, written the way common mail clients write them:
 * base64 in 76-character lines (RFC 2045 section 6.8), quoted-printable with soft line breaks
 * (section 6.7), RFC 2047 encoded words, and header folding (RFC 5322 section 2.2.3).
 */

export const CRLF = "\r\n";

/** @param {Uint8Array} bytes */
export function base64Lines(bytes) {
  const text = Buffer.from(bytes).toString("base64");
  let out = "";
  for (let i = 0; i < text.length; i += 76) out += `${text.slice(i, i + 76)}${CRLF}`;
  return Buffer.from(out, "ascii");
}

/**
 * Quoted-printable of text whose line breaks are CRLF: breaks stay hard breaks, a space or tab
 * before one is escaped (section 6.7 rule 3), lines are cut with "=" at 76 characters without
 * splitting an escape.
 * @param {Uint8Array} bytes
 */
export function quotedPrintable(bytes) {
  const text = Buffer.from(bytes).toString("latin1");
  const lines = text.split("\r\n");
  const out = [];
  for (const line of lines) {
    let current = "";
    for (let i = 0; i < line.length; i++) {
      const code = line.charCodeAt(i);
      const last = i === line.length - 1;
      const literal =
        (code >= 33 && code <= 126 && code !== 61) || ((code === 32 || code === 9) && !last);
      const token = literal ? line[i] : `=${code.toString(16).toUpperCase().padStart(2, "0")}`;
      if (current.length + token.length > 75) {
        out.push(`${current}=`);
        current = "";
      }
      current += token;
    }
    out.push(current);
  }
  return Buffer.from(out.join(CRLF), "latin1");
}

/**
 * One RFC 2047 encoded word. Q keeps only letters, digits and "!*+-/" literal — the set
 * section 5 (3) allows even inside a display name — and writes a space as "_".
 * @param {string} charset @param {"B" | "Q"} encoding @param {Uint8Array} bytes
 */
export function encodedWord(charset, encoding, bytes) {
  if (encoding === "B") return `=?${charset}?B?${Buffer.from(bytes).toString("base64")}?=`;
  let text = "";
  for (const byte of bytes) {
    if (byte === 0x20) text += "_";
    else if (/[A-Za-z0-9!*+\-/]/.test(String.fromCharCode(byte))) text += String.fromCharCode(byte);
    else text += `=${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return `=?${charset}?Q?${text}?=`;
}

/**
 * Encoded words of pieces already in their charset (see charset-samples.mjs), one per piece,
 * separated by folding space (which a decoder drops between adjacent encoded words).
 * @param {string} charset @param {"B" | "Q"} encoding @param {string[]} base64Pieces
 */
export function encodedPieces(charset, encoding, base64Pieces) {
  return base64Pieces
    .map((piece) => encodedWord(charset, encoding, Buffer.from(piece, "base64")))
    .join(" ");
}

/**
 * Header text as a UTF-8 client writes it: ASCII stays as is; otherwise encoded words of whole
 * code points, each within 75 characters (RFC 2047 section 2), in Q when the text is mostly
 * Latin letters and in B otherwise.
 * @param {string} text @param {"B" | "Q"} [force]
 */
export function encodeHeaderText(text, force) {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const chars = Array.from(text);
  const ascii = chars.filter((c) => c.charCodeAt(0) < 0x80).length;
  const encoding = force ?? (ascii / chars.length > 0.7 ? "Q" : "B");
  /** @param {string} piece */
  const word = (piece) => encodedWord("UTF-8", encoding, Buffer.from(piece, "utf8"));
  const words = [];
  let piece = "";
  for (const ch of chars) {
    if (piece && word(piece + ch).length > 75) {
      words.push(word(piece));
      piece = "";
    }
    piece += ch;
  }
  if (piece) words.push(word(piece));
  return words.join(" ");
}

/**
 * A header field, folded at spaces so lines stay within 78 characters where a space allows.
 * @param {string} name @param {string} value
 */
export function foldHeader(name, value) {
  if (/[\r\n]/.test(value)) throw new Error(`header ${name} contains a line break`);
  const words = value.split(" ");
  let line = `${name}:`;
  const lines = [];
  for (const word of words) {
    if (line.length + 1 + word.length > 78 && line.trim() !== `${name}:`) {
      lines.push(line);
      line = "";
    }
    line += ` ${word}`;
  }
  lines.push(line);
  return lines.join(CRLF);
}

/**
 * An address as it appears in From/To/Cc: bare, with a plain or quoted display name, or with
 * an encoded one (`encodedName` from charset-samples.mjs for legacy charsets).
 * `raw` is the whole field as some software writes it (Postfix: `addr (Comment Name)`).
 * @param {{ name?: string, email: string, encodedName?: string, raw?: string }} who
 */
export function formatAddress(who) {
  if (who.raw) return who.raw;
  if (who.encodedName) return `${who.encodedName} <${who.email}>`;
  if (!who.name) return who.email;
  if (!/^[\x20-\x7e]*$/.test(who.name)) return `${encodeHeaderText(who.name)} <${who.email}>`;
  if (/^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]+$/.test(who.name)) return `${who.name} <${who.email}>`;
  return `"${who.name.replace(/(["\\])/g, "\\$1")}" <${who.email}>`;
}

/** @param {{ name?: string, email: string, encodedName?: string, raw?: string }[]} list */
export function formatAddressList(list) {
  return list.map(formatAddress).join(", ");
}
