import { describe, expect, it } from "vitest";
import { ByteReader } from "./byte-reader.ts";

function feed(reader: ByteReader, data: Buffer, chunkSize: number): void {
  for (let i = 0; i < data.length; i += chunkSize) reader.push(data.subarray(i, i + chunkSize));
}

describe("ByteReader", () => {
  it("yields CRLF and bare-LF lines across any chunk split", async () => {
    const input = Buffer.from("* OK ready\r\nA1 OK done\nlast\r\n");
    for (let size = 1; size <= input.length; size++) {
      const reader = new ByteReader();
      feed(reader, input, size);
      expect((await reader.readLine(1000)).toString()).toBe("* OK ready");
      expect((await reader.readLine(1000)).toString()).toBe("A1 OK done");
      expect((await reader.readLine(1000)).toString()).toBe("last");
    }
  });

  it("reads exact byte counts without splitting multi-byte characters", async () => {
    const literal = Buffer.from("Grüße, 世界 🎉", "utf8");
    const input = Buffer.concat([literal, Buffer.from(")\r\n")]);
    for (let size = 1; size <= 5; size++) {
      const reader = new ByteReader();
      feed(reader, input, size);
      const bytes = await reader.readExact(literal.length);
      expect(bytes.toString("utf8")).toBe("Grüße, 世界 🎉");
      expect((await reader.readLine(10)).toString()).toBe(")");
    }
  });

  it("streams exact counts to a sink in pieces", async () => {
    const reader = new ByteReader();
    const payload = Buffer.alloc(100_000, 7);
    const pieces: number[] = [];
    const done = reader.readExactTo(payload.length, (chunk) => {
      pieces.push(chunk.length);
    });
    feed(reader, Buffer.concat([payload, Buffer.from("tail\r\n")]), 4096);
    await done;
    expect(pieces.reduce((a, b) => a + b, 0)).toBe(100_000);
    expect(pieces.length).toBeGreaterThan(1);
    expect((await reader.readLine(100)).toString()).toBe("tail");
  });

  it("fails a line longer than the limit instead of buffering it", async () => {
    const reader = new ByteReader();
    feed(reader, Buffer.alloc(5000, 0x41), 512);
    await expect(reader.readLine(4096)).rejects.toMatchObject({ code: "LIMIT_EXCEEDED" });
  });

  it("fails pending reads when the input ends", async () => {
    const reader = new ByteReader();
    reader.push(Buffer.from("partial"));
    const pending = reader.readLine(100);
    reader.end();
    await expect(pending).rejects.toMatchObject({ code: "CLOSED" });
  });

  it("pauses the source above the high-water mark and resumes when drained", async () => {
    const events: string[] = [];
    const reader = new ByteReader(1000, {
      pause: () => events.push("pause"),
      resume: () => events.push("resume"),
    });
    reader.push(Buffer.alloc(1500, 0x41));
    expect(events).toEqual(["pause"]);
    await reader.readExact(1200);
    expect(events).toEqual(["pause", "resume"]);
  });

  it("scans a long line arriving in many chunks once, not quadratically", async () => {
    const reader = new ByteReader(1 << 30);
    const started = performance.now();
    const pending = reader.readLine(64 << 20);
    for (let i = 0; i < 20_000; i++) {
      reader.push(Buffer.alloc(1024, 0x41));
      await Promise.resolve();
    }
    reader.push(Buffer.from("\r\n"));
    const line = await pending;
    expect(line.length).toBe(20_000 * 1024);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
