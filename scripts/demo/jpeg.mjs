/**
 * A minimal baseline JPEG encoder (ITU-T T.81, JFIF 1.01), so the demo can attach a real photo
 * without shipping one: 4:4:4 YCbCr, the example quantisation tables of Annex K scaled to about
 * quality 80, and one DC and one AC Huffman table of fixed-length codes (4 and 8 bits: valid
 * canonical tables with no all-ones code, section C; bigger than optimal tables, simpler).
 */

const LUMA_Q = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
  14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113,
  92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];
const CHROMA_Q = [
  17,
  18,
  24,
  47,
  99,
  99,
  99,
  99,
  18,
  21,
  26,
  66,
  99,
  99,
  99,
  99,
  24,
  26,
  56,
  99,
  99,
  99,
  99,
  99,
  47,
  66,
  99,
  99,
  99,
  99,
  99,
  99,
  ...Array(32).fill(99),
];

/** Natural (row-major) index of the k-th coefficient in zig-zag order (Figure A.6). */
const ZIGZAG = (() => {
  const order = [];
  for (let s = 0; s < 15; s++) {
    const cells = [];
    for (let y = 0; y < 8; y++) {
      const x = s - y;
      if (x >= 0 && x < 8) cells.push(y * 8 + x);
    }
    order.push(...(s % 2 === 1 ? cells : cells.reverse()));
  }
  return order;
})();

/** @param {number[]} table natural order @param {number} scale percent */
const scaled = (table, scale) =>
  table.map((q) => Math.min(255, Math.max(1, Math.round((q * scale) / 100))));

const COS = Array.from({ length: 64 }, (_, i) =>
  Math.cos(((2 * (i >> 3) + 1) * (i & 7) * Math.PI) / 16),
);
const C = (/** @type {number} */ u) => (u === 0 ? Math.SQRT1_2 : 1);

/** Separable forward DCT of one 8×8 block (section A.3.3), level-shifted input. @param {Float64Array} block */
function fdct(block) {
  const tmp = new Float64Array(64);
  const out = new Float64Array(64);
  for (let y = 0; y < 8; y++) {
    for (let u = 0; u < 8; u++) {
      let s = 0;
      for (let x = 0; x < 8; x++)
        s += /** @type {number} */ (block[y * 8 + x]) * /** @type {number} */ (COS[x * 8 + u]);
      tmp[y * 8 + u] = (C(u) * s) / 2;
    }
  }
  for (let u = 0; u < 8; u++) {
    for (let v = 0; v < 8; v++) {
      let s = 0;
      for (let y = 0; y < 8; y++)
        s += /** @type {number} */ (tmp[y * 8 + u]) * /** @type {number} */ (COS[y * 8 + v]);
      out[v * 8 + u] = (C(v) * s) / 2;
    }
  }
  return out;
}

function bitWriter() {
  /** @type {number[]} */
  const bytes = [];
  let acc = 0;
  let n = 0;
  /** @param {number} value @param {number} length */
  const write = (value, length) => {
    for (let i = length - 1; i >= 0; i--) {
      acc = (acc << 1) | ((value >> i) & 1);
      n += 1;
      if (n === 8) {
        bytes.push(acc);
        if (acc === 0xff) bytes.push(0); // byte stuffing, section F.1.2.3
        acc = 0;
        n = 0;
      }
    }
  };
  const finish = () => {
    if (n > 0) write(0x7f, 8 - n); // pad with 1-bits
    return Buffer.from(bytes);
  };
  return { write, finish };
}

/** Magnitude category and its bits (section F.1.2.1). @param {number} v */
function category(v) {
  const a = Math.abs(v);
  const size = a === 0 ? 0 : Math.floor(Math.log2(a)) + 1;
  return { size, bits: v >= 0 ? v : v + (1 << size) - 1 };
}

/** AC symbols: EOB, ZRL, then run/size for runs 0-15 and sizes 1-10; code = index, 8 bits. */
const AC_SYMBOLS = [0x00, 0xf0];
for (let run = 0; run < 16; run++)
  for (let size = 1; size <= 10; size++) AC_SYMBOLS.push((run << 4) | size);
const AC_CODE = new Map(AC_SYMBOLS.map((s, i) => [s, i]));

/** @param {number} marker @param {number[] | Buffer} payload */
const segment = (marker, payload) =>
  Buffer.concat([
    Buffer.from([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]),
    Buffer.from(payload),
  ]);

/**
 * @param {number} width @param {number} height
 * @param {(x: number, y: number) => [number, number, number]} pixel RGB 0-255
 * @param {number} [qualityScale] percent of the Annex K tables (50 ≈ quality 75)
 */
export function encodeJpeg(width, height, pixel, qualityScale = 40) {
  const qLuma = scaled(LUMA_Q, qualityScale);
  const qChroma = scaled(CHROMA_Q, qualityScale);
  const out = bitWriter();
  const previousDc = [0, 0, 0];
  const blocks = [new Float64Array(64), new Float64Array(64), new Float64Array(64)];
  for (let by = 0; by < height; by += 8) {
    for (let bx = 0; bx < width; bx += 8) {
      for (let i = 0; i < 64; i++) {
        const [r, g, b] = pixel(
          Math.min(bx + (i & 7), width - 1),
          Math.min(by + (i >> 3), height - 1),
        );
        /** @type {Float64Array} */ (blocks[0])[i] = 0.299 * r + 0.587 * g + 0.114 * b - 128;
        /** @type {Float64Array} */ (blocks[1])[i] = -0.168736 * r - 0.331264 * g + 0.5 * b;
        /** @type {Float64Array} */ (blocks[2])[i] = 0.5 * r - 0.418688 * g - 0.081312 * b;
      }
      for (let c = 0; c < 3; c++) {
        const coefficients = fdct(/** @type {Float64Array} */ (blocks[c]));
        const q = c === 0 ? qLuma : qChroma;
        const zz = ZIGZAG.map((idx) =>
          Math.round(/** @type {number} */ (coefficients[idx]) / /** @type {number} */ (q[idx])),
        );
        const dc = /** @type {number} */ (zz[0]);
        const diff = category(dc - /** @type {number} */ (previousDc[c]));
        previousDc[c] = dc;
        out.write(diff.size, 4);
        if (diff.size > 0) out.write(diff.bits, diff.size);
        let run = 0;
        let last = 63;
        while (last > 0 && zz[last] === 0) last -= 1;
        for (let k = 1; k <= last; k++) {
          const v = /** @type {number} */ (zz[k]);
          if (v === 0) {
            run += 1;
            continue;
          }
          while (run > 15) {
            out.write(/** @type {number} */ (AC_CODE.get(0xf0)), 8);
            run -= 16;
          }
          const { size, bits } = category(v);
          out.write(/** @type {number} */ (AC_CODE.get((run << 4) | size)), 8);
          out.write(bits, size);
          run = 0;
        }
        if (last < 63) out.write(/** @type {number} */ (AC_CODE.get(0x00)), 8);
      }
    }
  }
  const entropy = out.finish();
  const dht = [
    0x00,
    ...[0, 0, 0, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    ...Array.from({ length: 12 }, (_, i) => i),
    0x10,
    ...[0, 0, 0, 0, 0, 0, 0, AC_SYMBOLS.length, 0, 0, 0, 0, 0, 0, 0, 0],
    ...AC_SYMBOLS,
  ];
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, [...Buffer.from("JFIF\0", "latin1"), 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    segment(0xdb, [
      0x00,
      ...ZIGZAG.map((i) => /** @type {number} */ (qLuma[i])),
      0x01,
      ...ZIGZAG.map((i) => /** @type {number} */ (qChroma[i])),
    ]),
    segment(0xc0, [
      8,
      height >> 8,
      height & 0xff,
      width >> 8,
      width & 0xff,
      3,
      1,
      0x11,
      0,
      2,
      0x11,
      1,
      3,
      0x11,
      1,
    ]),
    segment(0xc4, dht),
    segment(0xda, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]),
    entropy,
    Buffer.from([0xff, 0xd9]),
  ]);
}
