/**
 * UTF-7 (RFC 2152), still met in mail labelled `utf-7` or `unicode-1-1-utf-7` (old Outlook
 * Express). WHATWG gives it no decoder, so it is decoded here: direct characters as themselves;
 * `+` starts modified base64 of UTF-16BE code units, ended by any non-base64 character (a `-`
 * that ends it is absorbed); `+-` is a literal `+`. Leftover bits shorter than a code unit are
 * dropped, as the RFC says.
 */

const VALUE = new Int8Array(256).fill(-1);
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const PLUS = 0x2b;
const MINUS = 0x2d;

export function decodeUtf7(bytes: Uint8Array): string {
  const units: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b !== PLUS) {
      // Bytes >= 0x80 are not UTF-7 at all; keep them visible as U+FFFD rather than guess.
      units.push(b < 0x80 ? b : 0xfffd);
      i++;
      continue;
    }
    i++;
    if (bytes[i] === MINUS) {
      units.push(PLUS);
      i++;
      continue;
    }
    let bits = 0;
    let nbits = 0;
    while (i < bytes.length && VALUE[bytes[i]!]! >= 0) {
      bits = ((bits << 6) | VALUE[bytes[i]!]!) & 0xffffff;
      nbits += 6;
      if (nbits >= 16) {
        nbits -= 16;
        units.push((bits >> nbits) & 0xffff);
      }
      i++;
    }
    if (bytes[i] === MINUS) i++;
  }
  let out = "";
  for (let j = 0; j < units.length; j += 8192) {
    out += String.fromCharCode.apply(null, units.slice(j, j + 8192));
  }
  // A damaged run can leave a lone surrogate: make it U+FFFD so the text is well formed.
  return out.replace(LONE_SURROGATE, "\ufffd");
}
