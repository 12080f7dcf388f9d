/**
 * windows-1252, decoded here rather than by the platform. Per the WHATWG Encoding Standard the
 * labels iso-8859-1, latin1, ascii and us-ascii all mean windows-1252, where bytes 0x80-0x9F are
 * € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ. Node 20's TextDecoder maps them to C1
 * control characters instead (nodejs/node#60888), which turns every "smart quote" in Outlook
 * mail labelled iso-8859-1 into an invisible control. The test pins the table.
 */

/** Code points for bytes 0x80-0x9F; the five undefined bytes map to the C1 control (WHATWG). */
const HIGH_C1 = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039,
  0x0152, 0x008d, 0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
  0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

const TABLE = new Uint16Array(256);
for (let b = 0; b < 256; b++) TABLE[b] = b >= 0x80 && b < 0xa0 ? HIGH_C1[b - 0x80]! : b;

const utf16 = new TextDecoder("utf-16le");
const ascii = new TextDecoder("utf-8");

export function decodeWindows1252(bytes: Uint8Array): string {
  let i = 0;
  while (i < bytes.length && bytes[i]! < 0x80) i++;
  // All ASCII: UTF-8 decodes it identically and natively.
  if (i === bytes.length) return ascii.decode(bytes);
  const units = new Uint16Array(bytes.length);
  for (let j = 0; j < i; j++) units[j] = bytes[j]!;
  for (; i < bytes.length; i++) units[i] = TABLE[bytes[i]!]!;
  return utf16.decode(units);
}

/** x-user-defined (WHATWG): ASCII as is, bytes 0x80-0xFF to U+F780-U+F7FF. */
export function decodeXUserDefined(bytes: Uint8Array): string {
  const units = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    units[i] = b < 0x80 ? b : 0xf700 + b;
  }
  return utf16.decode(units);
}
