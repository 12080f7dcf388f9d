import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS_DIR } from "../../dev/shared-data.ts";
import type { ParsedMessage } from "./message.ts";
import { parseMessage } from "./parser.ts";
import type { ParsedPart } from "./part.ts";
import { MimeStreamParser, parseMessageStream } from "./stream-parser.ts";

const corpus = CORPUS_DIR;
const files = readdirSync(corpus)
  .filter((f) => f.endsWith(".eml"))
  .sort();

/** Everything about the tree that both parsers must agree on. */
function describeTree(msg: ParsedMessage, withContent: boolean): unknown[] {
  return msg.parts().map((p: ParsedPart) => ({
    section: p.section,
    kind: p.kind,
    contentType: p.contentType,
    offsets: p.offsets,
    contentEnd: p.contentEnd,
    size: p.size,
    lines: p.lines,
    defects: p.defects,
    filename: p.filename,
    decodedFrom: p.decodedFrom,
    headers: p.headers.fields.map((f) => [f.name, f.raw]),
    children: p.children.length,
    // Leaves and embedded messages (message/rfc822: its bytes), also inside encoded ones.
    ...(p.kind !== "multipart"
      ? {
          decodedSize: msg.decodedSize(p),
          head: Array.from(msg.head(p, 16) ?? []),
          ...(withContent ? { content: Buffer.from(msg.content(p) ?? []).toString("base64") } : {}),
        }
      : {}),
  }));
}

function streamParse(bytes: Uint8Array, split: (i: number) => number): ParsedMessage {
  const parser = new MimeStreamParser({ keep: () => true });
  let pos = 0;
  for (let i = 0; pos < bytes.length; i++) {
    const size = Math.max(1, split(i));
    // A fresh copy per chunk, overwritten after use: the parser must not keep views of it.
    const chunk = bytes.slice(pos, pos + size);
    parser.write(chunk);
    chunk.fill(0x58);
    pos += size;
  }
  return parser.end().message;
}

describe("stream parser = whole-message parser", () => {
  it("gives the same tree, offsets and content for every corpus message at several chunk sizes", () => {
    let compared = 0;
    for (const [n, file] of files.entries()) {
      const bytes = new Uint8Array(readFileSync(path.join(corpus, file)));
      const whole = describeTree(parseMessage(bytes), true);
      const sizes = [bytes.length < 100_000 ? 1 + (n % 13) : 997, 4096];
      if (bytes.length < 3_000) sizes.push(1);
      for (const size of sizes) {
        expect(
          describeTree(
            streamParse(bytes, () => size),
            true,
          ),
          `${file} @${size}`,
        ).toEqual(whole);
        compared++;
      }
      // Irregular split points, deterministic per file.
      let seed = n + 1;
      const irregular = () => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return 1 + (seed % 300);
      };
      expect(describeTree(streamParse(bytes, irregular), true), `${file} irregular`).toEqual(whole);
    }
    expect(compared).toBeGreaterThan(files.length * 2);
  });
});

describe("stream events and memory", () => {
  const raw = new TextEncoder().encode(
    [
      "Content-Type: multipart/mixed; boundary=b",
      "",
      "--b",
      "Content-Type: text/plain",
      "",
      "hello",
      "--b",
      "Content-Type: application/octet-stream",
      "Content-Disposition: attachment; filename=blob.bin",
      "Content-Transfer-Encoding: base64",
      "",
      "JVBERi0xLjQK",
      "--b--",
      "",
    ].join("\r\n"),
  );

  it("emits part, data and end events in order", () => {
    const parser = new MimeStreamParser({ data: (p) => p.filename === "blob.bin" });
    const events = [
      ...parser.write(raw.subarray(0, 50)),
      ...parser.write(raw.subarray(50)),
      ...parser.end().events,
    ];
    expect(events.map((e) => `${e.type} ${e.part.section}`)).toEqual([
      "part ",
      "part 1",
      "end 1",
      "part 2",
      "data 2",
      "end 2",
      "end ",
    ]);
    const data = events.find((e) => e.type === "data");
    expect(data?.type === "data" && new TextDecoder().decode(data.data)).toBe("%PDF-1.4\n");
  });

  it("keeps readable text but not attachments by default, yet knows their size and first bytes", async () => {
    async function* chunks() {
      for (let i = 0; i < raw.length; i += 10) yield raw.subarray(i, i + 10);
    }
    const msg = await parseMessageStream(chunks());
    const [text, blob] = msg.root.children;
    expect(new TextDecoder().decode(msg.content(text!)!)).toBe("hello");
    expect(msg.content(blob!)).toBeNull();
    expect(msg.decodedSize(blob!)).toBe(9);
    expect(new TextDecoder().decode(msg.head(blob!, 4)!)).toBe("%PDF");
  });

  it("refuses writes after the end", () => {
    const parser = new MimeStreamParser();
    parser.end();
    expect(() => parser.write(raw)).toThrow(/write after end/);
  });
});

describe("embedded messages in stream parses", () => {
  const inner = ["Subject: inner", "", "innermost text", ""].join("\r\n");
  const forwarded = [
    "Subject: forwarded",
    "Content-Type: multipart/mixed; boundary=f",
    "",
    "--f",
    "Content-Type: text/plain",
    "",
    "see below",
    "--f",
    "Content-Type: message/rfc822",
    "",
    inner,
    "--f--",
    "",
  ].join("\r\n");
  const raw = new TextEncoder().encode(
    [
      "Content-Type: multipart/mixed; boundary=b",
      "",
      "--b",
      "Content-Type: text/plain",
      "",
      "hello",
      "--b",
      "Content-Type: message/rfc822",
      "",
      forwarded,
      "--b",
      "Content-Type: message/rfc822",
      "Content-Transfer-Encoding: base64",
      "",
      Buffer.from(forwarded).toString("base64"),
      "--b--",
      "",
    ].join("\r\n"),
  );
  const messages = (msg: ParsedMessage) => msg.parts().filter((p) => p.kind === "message");

  it("keeps a message/rfc822 part's bytes when told to, as the whole-message parse gives them", () => {
    const whole = parseMessage(raw);
    expect(messages(whole).map((p) => p.section)).toEqual(["2", "2.2", "3", "3.2"]);
    for (const size of [1, 7, 64, raw.length]) {
      const streamed = streamParse(raw, () => size);
      const parts = messages(streamed);
      expect(parts.map((p) => p.section)).toEqual(["2", "2.2", "3", "3.2"]);
      for (const [i, part] of parts.entries()) {
        const want = whole.content(messages(whole)[i]!)!;
        expect(Buffer.from(streamed.content(part)!).toString(), `${part.section} @${size}`).toBe(
          Buffer.from(want).toString(),
        );
        expect(streamed.decodedSize(part)).toBe(want.length);
      }
      expect(Buffer.from(streamed.content(parts[0]!)!).toString()).toBe(forwarded);
      expect(Buffer.from(streamed.content(parts[2]!)!).toString()).toBe(forwarded);
      expect(Buffer.from(streamed.content(parts[3]!)!).toString()).toBe(inner);
    }
  });

  it("does not keep an embedded message's whole bytes by default, only its readable parts", async () => {
    const msg = await parseMessageStream(
      (async function* () {
        yield raw;
      })(),
    );
    for (const part of messages(msg)) expect(msg.content(part)).toBeNull();
    const texts = msg.parts().filter((p) => p.contentType === "text/plain");
    expect(texts.map((p) => msg.text(p)?.trim())).toEqual([
      "hello",
      "see below",
      "innermost text",
      "see below",
      "innermost text",
    ]);
  });
});
