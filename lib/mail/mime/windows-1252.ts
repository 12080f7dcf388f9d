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

const C1 = /[\u0080-\u009f]/g;
const C1_TEST = /[\u0080-\u009f]/;
const FIXES = new Map<string, string>(
  HIGH_C1.map((cp, i) => [String.fromCharCode(0x80 + i), String.fromCharCode(cp)]),
);

// The platform's decoder does the bulk natively. Today it yields C1 controls for 0x80-0x9F
// (the bug); if a later Node fixes that, nothing is left to repair. Either way the result is
// WHATWG windows-1252.
const platform = new TextDecoder("windows-1252");

export function decodeWindows1252(bytes: Uint8Array): string {
  const text = platform.decode(bytes);
  return C1_TEST.test(text) ? text.replace(C1, (c) => FIXES.get(c) ?? c) : text;
}

const utf16 = new TextDecoder("utf-16le");

/** x-user-defined (WHATWG): ASCII as is, bytes 0x80-0xFF to U+F780-U+F7FF. */
export function decodeXUserDefined(bytes: Uint8Array): string {
  const units = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    units[i] = b < 0x80 ? b : 0xf700 + b;
  }
  return utf16.decode(units);
}
