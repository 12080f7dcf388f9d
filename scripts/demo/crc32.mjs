/**
 * CRC-32 (ISO 3309 / ITU-T V.42, the one PNG chunks and ZIP entries carry). Node has
 * zlib.crc32 only from 20.15 on; this table version costs twenty lines and no version check.
 */

const TABLE = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  TABLE[n] = c >>> 0;
}

/** @param {Uint8Array} bytes @param {number} [previous] a running CRC to continue */
export function crc32(bytes, previous = 0) {
  let crc = (previous ^ 0xffffffff) >>> 0;
  for (const b of bytes) crc = /** @type {number} */ (TABLE[(crc ^ b) & 0xff] ^ (crc >>> 8)) >>> 0;
  return (crc ^ 0xffffffff) >>> 0;
}
