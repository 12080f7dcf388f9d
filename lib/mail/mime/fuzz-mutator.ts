/**
 * Mutations of real messages for fuzzing the parser (fuzz.test.ts, scripts/mime-fuzz.ts): byte
 * flips, truncation, duplicated boundary lines, deep nesting, huge headers, encoded-word junk,
 * lost or doubled line ends, splices of two messages. Deterministic for a given seed, so a
 * failure can be replayed.
 */

export type Rng = () => number;

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (r: Rng, n: number) => Math.floor(r() * n);
const enc = (s: string) => new TextEncoder().encode(s);

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function lineStarts(bytes: Uint8Array, prefix: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++)
    if ((i === 0 || bytes[i - 1] === 0x0a) && bytes[i] === prefix) out.push(i);
  return out;
}

function lineAt(bytes: Uint8Array, start: number): Uint8Array {
  let end = bytes.indexOf(0x0a, start);
  end = end === -1 ? bytes.length : end + 1;
  return bytes.subarray(start, end);
}

type Mutation = (r: Rng, input: Uint8Array, other: Uint8Array) => Uint8Array;

const MUTATIONS: Record<string, Mutation> = {
  flipBytes: (r, input) => {
    const out = input.slice();
    for (let k = 1 + int(r, 16); k > 0 && out.length > 0; k--)
      out[int(r, out.length)] = int(r, 256);
    return out;
  },
  specialBytes: (r, input) => {
    // Bytes that steer a MIME parser: line ends, dashes, colons, quotes, `=`, `?`, NUL.
    const special = [0x0a, 0x0d, 0x2d, 0x3a, 0x22, 0x3d, 0x3f, 0x3b, 0x20, 0x09, 0x00, 0x80, 0xff];
    const out = input.slice();
    for (let k = 1 + int(r, 24); k > 0 && out.length > 0; k--)
      out[int(r, out.length)] = special[int(r, special.length)]!;
    return out;
  },
  truncate: (r, input) => input.subarray(0, int(r, input.length + 1)),
  duplicateBoundaries: (r, input) => {
    const starts = lineStarts(input, 0x2d);
    if (starts.length === 0) return input;
    const at = starts[int(r, starts.length)]!;
    const line = lineAt(input, at);
    const copies = Array.from({ length: 1 + int(r, 300) }, () => line);
    return concat(input.subarray(0, at), ...copies, input.subarray(at));
  },
  dropLines: (r, input) => {
    const starts = lineStarts(input, 0x2d);
    if (starts.length === 0) return input;
    const at = starts[int(r, starts.length)]!;
    return concat(input.subarray(0, at), input.subarray(at + lineAt(input, at).length));
  },
  deepNesting: (r, input) => {
    const depth = 50 + int(r, 500);
    const head: string[] = [];
    for (let i = 0; i < depth; i++)
      head.push(`--n${i - 1}\r\nContent-Type: multipart/mixed; boundary="n${i}"\r\n\r\n`);
    head[0] = 'Content-Type: multipart/mixed; boundary="n0"\r\n\r\n';
    const tail =
      r() < 0.5
        ? ""
        : Array.from({ length: depth }, (_, i) => `\r\n--n${depth - 1 - i}--`).join("");
    const inner = r() < 0.5 ? enc("Content-Type: message/rfc822\r\n\r\n") : new Uint8Array(0);
    return concat(enc(head.join("")), enc(`--n${depth - 1}\r\n`), inner, input, enc(tail));
  },
  nestedMessages: (r, input) => {
    const depth = 20 + int(r, 200);
    return concat(enc("Content-Type: message/rfc822\r\n\r\n".repeat(depth)), input);
  },
  hugeHeader: (r, input) => {
    const size = 10_000 + int(r, 300_000);
    const fill = new Uint8Array(size).fill(r() < 0.5 ? 0x41 : 0x20);
    const folded = r() < 0.5;
    const header = folded
      ? concat(enc("X-Huge: a"), ...Array.from({ length: size / 100 }, () => enc("\r\n b")))
      : concat(enc("X-Huge: "), fill);
    return concat(header, enc("\r\n"), input);
  },
  manyHeaders: (r, input) => {
    const n = 500 + int(r, 5000);
    return concat(enc(Array.from({ length: n }, (_, i) => `X-H${i}: v\r\n`).join("")), input);
  },
  encodedWordJunk: (r, input) => {
    const words = [
      "=?utf-8?b?",
      "=?x?q?=E9?=",
      "=?utf-8?Q?=0D=0A?=",
      "=??=",
      "=?iso-2022-jp?B?GyRC?=",
      "=?utf-7?q?+AKM-?=",
    ];
    const junk = Array.from({ length: 1 + int(r, 2000) }, () => words[int(r, words.length)]).join(
      r() < 0.5 ? " " : "",
    );
    return concat(enc(`Subject: ${junk}\r\nFrom: ${junk} <a@b>\r\n`), input);
  },
  lineEnds: (r, input) => {
    const out: number[] = [];
    const mode = int(r, 3);
    for (const b of input) {
      if (b === 0x0d && mode === 0) continue; // CRLF -> LF
      if (b === 0x0a && mode === 1) out.push(0x0d); // LF -> CRLF (CRCRLF where CRLF was)
      if (b === 0x0a && mode === 2 && r() < 0.3) continue; // lose some line ends
      out.push(b);
    }
    return Uint8Array.from(out);
  },
  splice: (r, input, other) =>
    concat(input.subarray(0, int(r, input.length + 1)), other.subarray(int(r, other.length + 1))),
};

const MUTATION_NAMES = Object.keys(MUTATIONS);

/** One to three mutations applied in a row; returns the bytes and the mutation names. */
export function mutate(
  r: Rng,
  input: Uint8Array,
  other: Uint8Array,
): { bytes: Uint8Array; applied: string[] } {
  let bytes = input;
  const applied: string[] = [];
  for (let k = 1 + int(r, 3); k > 0; k--) {
    const name = MUTATION_NAMES[int(r, MUTATION_NAMES.length)]!;
    bytes = MUTATIONS[name]!(r, bytes, other);
    applied.push(name);
  }
  return { bytes, applied };
}
