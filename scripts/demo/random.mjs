/**
 * A seeded pseudo-random source: the demo mailbox is the same bytes on every machine for the
 * same seed and the same "now" (mulberry32 — small, fast, and good enough for picking names).
 */

/** @param {number} seed */
export function createRandom(seed) {
  let state = seed >>> 0;
  /** A float in [0, 1). */
  function next() {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  return {
    next,
    /** An integer in [min, max]. @param {number} min @param {number} max */
    int(min, max) {
      return min + Math.floor(next() * (max - min + 1));
    },
    /** @template T @param {readonly T[]} items @returns {T} */
    pick(items) {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error("pick from an empty list");
      return item;
    },
    /** @param {number} probability */
    chance(probability) {
      return next() < probability;
    },
    /** A copy in random order. @template T @param {readonly T[]} items @returns {T[]} */
    shuffle(items) {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [/** @type {T} */ (copy[j]), /** @type {T} */ (copy[i])];
      }
      return copy;
    },
    /** Incompressible filler for large attachments. @param {number} length */
    bytes(length) {
      const out = Buffer.alloc(length);
      for (let i = 0; i < length; i += 4) {
        const word = Math.floor(next() * 4294967296);
        for (let k = 0; k < 4 && i + k < length; k++) out[i + k] = (word >>> (8 * k)) & 0xff;
      }
      return out;
    },
    /** Lowercase hex of `length` digits. @param {number} length */
    hex(length) {
      let out = "";
      while (out.length < length) out += Math.floor(next() * 16).toString(16);
      return out;
    },
  };
}

/** @typedef {ReturnType<typeof createRandom>} Random */

/**
 * A 32-bit FNV-1a hash: stable seeds and identifiers derived from a message's id.
 * @param {string} text
 */
export function hash32(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
