/**
 * Modified UTF-7 for mailbox names (RFC 3501 section 5.1.3): printable US-ASCII stands for
 * itself except "&", which is written "&-"; any other run of characters is UTF-16BE in base64
 * with "," for "/" and no padding, between "&" and "-".
 *
 * Names cross this module twice: encoded on the way to the server, decoded on the way back.
 * A name the server sends that is not valid modified UTF-7 (some servers store raw UTF-8) is
 * returned as it came rather than guessed at, so the person still sees something readable.
 */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";
const DECODE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

function isDirect(code: number): boolean {
  return code >= 0x20 && code <= 0x7e;
}

export function encodeMutf7(name: string): string {
  let out = "";
  let i = 0;
  while (i < name.length) {
    const code = name.charCodeAt(i);
    if (code === 0x26) {
      out += "&-";
      i++;
    } else if (isDirect(code)) {
      out += name[i];
      i++;
    } else {
      let end = i;
      while (end < name.length && !isDirect(name.charCodeAt(end))) end++;
      out += `&${encodeRun(name.slice(i, end))}-`;
      i = end;
    }
  }
  return out;
}

function encodeRun(run: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < run.length; i++) {
    const unit = run.charCodeAt(i);
    bytes.push(unit >> 8, unit & 0xff);
  }
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out +=
      ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]!;
  }
  return out;
}

/** Decode a modified UTF-7 name; input that is not valid modified UTF-7 comes back unchanged. */
export function decodeMutf7(encoded: string): string {
  if (!encoded.includes("&")) return encoded;
  const decoded = tryDecode(encoded);
  return decoded ?? encoded;
}

function tryDecode(encoded: string): string | null {
  let out = "";
  let i = 0;
  while (i < encoded.length) {
    const code = encoded.charCodeAt(i);
    if (code !== 0x26) {
      if (!isDirect(code)) return null;
      out += encoded[i];
      i++;
      continue;
    }
    const end = encoded.indexOf("-", i + 1);
    if (end < 0) return null;
    if (end === i + 1) {
      out += "&";
      i = end + 1;
      continue;
    }
    const run = decodeRun(encoded.slice(i + 1, end));
    if (run === null) return null;
    out += run;
    i = end + 1;
  }
  return out;
}

function decodeRun(run: string): string | null {
  let bits = 0;
  let value = 0;
  const units: number[] = [];
  let pending = -1;
  for (let i = 0; i < run.length; i++) {
    const code = run.charCodeAt(i);
    const digit = code < 128 ? DECODE[code]! : -1;
    if (digit < 0) return null;
    value = ((value << 6) | digit) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      const byte = (value >> bits) & 0xff;
      if (pending < 0) pending = byte;
      else {
        units.push((pending << 8) | byte);
        pending = -1;
      }
    }
  }
  // Leftover bits must be zero padding, and no half UTF-16 unit may remain (RFC 2152 rules).
  if (pending >= 0 || (value & ((1 << bits) - 1)) !== 0 || bits >= 6) return null;
  return String.fromCharCode(...units);
}
