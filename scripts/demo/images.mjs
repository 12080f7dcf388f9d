/**
 * The demo's pictures, drawn in code: a PNG chart (a "dashboard screenshot"), a PNG logo for
 * an inline cid: image, and a JPEG "holiday photo". PNG per ISO/IEC 15948: 8-bit RGB, filter
 * type 0, one zlib IDAT.
 */
import zlib from "node:zlib";
import { crc32 } from "./crc32.mjs";
import { encodeJpeg } from "./jpeg.mjs";

/** @param {string} type @param {Buffer} data */
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * @param {number} width @param {number} height
 * @param {(x: number, y: number) => [number, number, number]} pixel
 */
export function encodePng(width, height, pixel) {
  const raw = Buffer.alloc(height * (1 + width * 3));
  let o = 0;
  for (let y = 0; y < height; y++) {
    raw[o++] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      raw[o++] = r;
      raw[o++] = g;
      raw[o++] = b;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // depth 8, colour type 2 (RGB), deflate, filter 0, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Pictures are pure functions of their size: drawn once per process. @type {Map<string, Buffer>} */
const drawn = new Map();

/**
 * @param {string} key @param {() => Buffer} draw
 * @returns {Buffer}
 */
function memo(key, draw) {
  let picture = drawn.get(key);
  if (!picture) {
    picture = draw();
    drawn.set(key, picture);
  }
  return picture;
}

/** @param {number} a @param {number} b @param {number} t */
const mix = (a, b, t) => Math.round(a + (b - a) * Math.max(0, Math.min(1, t)));

/** A weekly-active-users bar chart on a soft gradient: the "dashboard screenshot". */
export function chartPng(width = 640, height = 360) {
  return memo(`chart/${width}x${height}`, () => drawChart(width, height));
}

/** @param {number} width @param {number} height */
function drawChart(width, height) {
  const bars = [0.42, 0.47, 0.45, 0.55, 0.61, 0.58, 0.66, 0.72, 0.7, 0.78, 0.83, 0.91];
  const left = 48;
  const bottom = height - 40;
  const slot = (width - left - 24) / bars.length;
  return encodePng(width, height, (x, y) => {
    const t = y / height;
    /** @type {[number, number, number]} */
    let c = [mix(248, 232, t), mix(250, 240, t), mix(252, 250, t)];
    if (y === bottom || (x === left && y < bottom && y > 20)) c = [120, 130, 140];
    else if (y < bottom && x > left && (bottom - y) % 60 === 0) c = [220, 225, 232];
    const i = Math.floor((x - left - 4) / slot);
    const value = bars[i];
    if (value !== undefined && x > left + 4 && (x - left - 4) % slot < slot * 0.7) {
      const top = bottom - value * (bottom - 30);
      if (y >= top && y < bottom) {
        const u = (y - top) / (bottom - top);
        c = [mix(56, 99, u), mix(132, 102, u), mix(236, 241, u)];
      }
    }
    return c;
  });
}

/** A round logo (a looking-glass: ring and handle) for an HTML part's cid: image. */
export function logoPng(size = 96) {
  return memo(`logo/${size}`, () => drawLogo(size));
}

/** @param {number} size */
function drawLogo(size) {
  const r = size * 0.3;
  const cx = size * 0.42;
  const cy = size * 0.42;
  return encodePng(size, size, (x, y) => {
    const d = Math.hypot(x - cx, y - cy);
    const handle = x > cx && y > cy && Math.abs(x - cx - (y - cy)) < size * 0.06 && x < size * 0.9;
    if (Math.abs(d - r) < size * 0.06 || (handle && d > r))
      return [mix(79, 124, y / size), mix(70, 58, y / size), 229];
    if (d < r) return [mix(224, 199, d / r), mix(231, 210, d / r), 255];
    return [255, 255, 255];
  });
}

/** A sunset over the sea, as a phone would send it (JPEG). */
export function sunsetJpeg(width = 640, height = 427) {
  return memo(`sunset/${width}x${height}`, () => drawSunset(width, height));
}

/** @param {number} width @param {number} height */
function drawSunset(width, height) {
  const horizon = Math.round(height * 0.62);
  const sunX = width * 0.63;
  const sunY = horizon - height * 0.08;
  const sunR = height * 0.09;
  return encodeJpeg(width, height, (x, y) => {
    if (y < horizon) {
      const t = y / horizon;
      const glow = Math.max(0, 1 - Math.hypot(x - sunX, y - sunY) / (width * 0.5));
      /** @type {[number, number, number]} */
      const sky = [mix(40, 250, t) + glow * 30, mix(60, 150, t) + glow * 40, mix(120, 90, t)];
      if (Math.hypot(x - sunX, y - sunY) < sunR) return [255, 236, 180];
      return [Math.min(255, Math.round(sky[0])), Math.min(255, Math.round(sky[1])), sky[2]];
    }
    const t = (y - horizon) / (height - horizon);
    const sparkle = Math.abs(x - sunX) < sunR * (1 + t * 2) && (y + (x >> 3)) % 7 < 2 ? 70 : 0;
    return [
      mix(190, 20, t) + sparkle / 2,
      mix(110, 40, t) + sparkle / 2,
      mix(90, 70, t) + sparkle / 3,
    ].map((v) => Math.min(255, Math.round(v)));
  });
}
