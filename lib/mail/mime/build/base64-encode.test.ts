import { describe, expect, it } from "vitest";
import { base64EncodedLength, base64LineStream, encodeBase64Lines } from "./base64-encode.ts";

function bytesOf(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out[i] = x >> 16;
  }
  return out;
}

async function streamed(bytes: Uint8Array, cut: number[]): Promise<string> {
  async function* chunks() {
    let at = 0;
    for (const size of cut) {
      yield bytes.subarray(at, Math.min(bytes.length, at + size));
      at += size;
      if (at >= bytes.length) return;
    }
    if (at < bytes.length) yield bytes.subarray(at);
  }
  const parts: Buffer[] = [];
  for await (const part of base64LineStream(chunks())) parts.push(Buffer.from(part));
  return Buffer.concat(parts).toString("latin1");
}

describe("base64", () => {
  it.each([0, 1, 2, 3, 56, 57, 58, 114, 1000, 57 * 1024 + 5])(
    "encodes %i bytes in 76-character lines with an exact predicted length",
    (length) => {
      const bytes = bytesOf(length);
      const text = Buffer.from(encodeBase64Lines(bytes)).toString("latin1");
      expect(text.length).toBe(base64EncodedLength(length));
      expect(text.replace(/\r\n/g, "")).toBe(Buffer.from(bytes).toString("base64"));
      const lines = text === "" ? [] : text.split("\r\n");
      lines.forEach((line, i) => {
        if (i < lines.length - 1) expect(line.length).toBe(76);
        else expect(line.length).toBeLessThanOrEqual(76);
      });
    },
  );

  it("streams the same text whatever the chunk sizes", async () => {
    const bytes = bytesOf(200_003, 3);
    const expected = Buffer.from(encodeBase64Lines(bytes)).toString("latin1");
    for (const cut of [[1], [56, 1, 2], [57], [100_000], [3, 70_000, 5, 130_000], [7, 11, 13]]) {
      const pattern = Array.from({ length: 40_000 }, (_, i) => cut[i % cut.length]!);
      expect(await streamed(bytes, pattern)).toBe(expected);
    }
  });

  it("streams a large input in bounded slices", async () => {
    const size = 8 * 1024 * 1024;
    async function* one() {
      yield new Uint8Array(size);
    }
    let largest = 0;
    let total = 0;
    let counted = -1;
    for await (const part of base64LineStream(one(), (n) => {
      counted = n;
    })) {
      largest = Math.max(largest, part.length);
      total += part.length;
    }
    expect(total).toBe(base64EncodedLength(size));
    expect(counted).toBe(size);
    expect(largest).toBeLessThan(100_000);
  });
});
