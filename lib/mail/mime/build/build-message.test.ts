import { describe, expect, it } from "vitest";
import { hostileInputs } from "../../../dev/shared-data.ts";
import { MailError } from "../../errors.ts";
import { buildMessage, buildMessageBytes, collectMessage } from "./build-message.ts";
import { estimateMessageSize } from "./size-estimate.ts";
import type { MessageSpec, StreamSource } from "./types.ts";

const compose = Object.fromEntries(hostileInputs().compose_inputs.map((i) => [i.id, i.value]));
const base: MessageSpec = { from: "me@letterbox.test", to: ["you@letterbox.test"] };
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");

async function build(spec: Partial<MessageSpec>, options = {}) {
  const message = await buildMessageBytes({ ...base, ...spec }, options);
  return { ...message, text: latin1(message.bytes) };
}

async function codeOf(fn: () => unknown): Promise<string | undefined> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof MailError) return error.code;
    throw error;
  }
  return undefined;
}

function headerBlock(text: string): string[] {
  return text.split("\r\n\r\n")[0]!.split(/\r\n(?![ \t])/);
}

/** Wire rules every message must meet: CRLF only, lines within 998, headers within 78. */
function expectWireSafe(text: string): void {
  expect(text.endsWith("\r\n")).toBe(true);
  expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  for (const line of text.split("\r\n"))
    expect(Buffer.byteLength(line, "latin1")).toBeLessThanOrEqual(998);
}

describe("buildMessage: structure", () => {
  it("writes a single text part with the required headers", async () => {
    const { text, messageId } = await build({
      text: "Hi",
      date: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
    });
    expect(text).toBe(
      [
        "Date: Fri, 02 Jan 2026 03:04:05 +0000",
        "From: me@letterbox.test",
        "To: you@letterbox.test",
        `Message-ID: ${messageId}`,
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: 7bit",
        "",
        "Hi",
        "",
      ].join("\r\n"),
    );
    expect(messageId).toMatch(/^<[A-Za-z0-9]{24}@letterbox\.test>$/);
  });

  it("nests alternative in related in mixed, each only when needed", async () => {
    const image = {
      contentId: "logo@x",
      contentType: "image/png",
      content: new Uint8Array([1, 2, 3]),
    };
    const file = { filename: "a.bin", content: new Uint8Array([4]) };
    const types = (t: string) => [...t.matchAll(/^Content-Type: ([^;\r\n]+)/gm)].map((m) => m[1]);
    expect(types((await build({ text: "t", html: "<p>h</p>" })).text)).toEqual([
      "multipart/alternative",
      "text/plain",
      "text/html",
    ]);
    const full = await build({
      text: "t",
      html: "<img src=cid:logo@x>",
      inlineImages: [image],
      attachments: [file],
    });
    expect(types(full.text)).toEqual([
      "multipart/mixed",
      "multipart/related",
      "multipart/alternative",
      "text/plain",
      "text/html",
      "image/png",
      "application/octet-stream",
    ]);
    expect(full.text).toMatch(/multipart\/related; type="multipart\/alternative";/);
    expect(full.text).toContain("Content-ID: <logo@x>\r\n");
    expect(types((await build({ attachments: [file] })).text)).toEqual([
      "multipart/mixed",
      "application/octet-stream",
    ]);
    expect(types((await build({ text: "t", inlineImages: [image] })).text)).toEqual([
      "multipart/mixed",
      "text/plain",
      "image/png",
    ]);
    expect(types((await build({})).text)).toEqual(["text/plain"]);
  });

  it("refuses duplicate Content-IDs and bad media types", async () => {
    const image = { contentId: "a@x", contentType: "image/png", content: new Uint8Array(1) };
    expect(await codeOf(() => build({ html: "h", inlineImages: [image, image] }))).toBe(
      "INVALID_INPUT",
    );
    const bad = { filename: "f", contentType: "text/plain; charset=x", content: new Uint8Array(1) };
    expect(await codeOf(() => build({ attachments: [bad] }))).toBe("INVALID_INPUT");
  });
});

describe("buildMessage: recipients and envelope", () => {
  it("never writes Bcc, and puts every recipient in the envelope once", async () => {
    const m = await build({
      to: [{ name: "You", address: "you@letterbox.test" }],
      cc: ["cc@letterbox.test", "YOU@letterbox.test"],
      bcc: ["hidden@letterbox.test", "cc@LETTERBOX.TEST"],
    });
    expect(m.text).not.toMatch(/^bcc:/im);
    expect(m.text).not.toContain("hidden@");
    expect(m.envelope).toEqual({
      from: "me@letterbox.test",
      to: ["you@letterbox.test", "cc@letterbox.test", "hidden@letterbox.test"],
    });
  });

  it("writes an empty group when there are only Bcc recipients", async () => {
    const m = await build({ to: [], bcc: ["b@letterbox.test"] });
    expect(headerBlock(m.text)).toContain("To: undisclosed-recipients:;");
    expect(m.envelope.to).toEqual(["b@letterbox.test"]);
  });

  it("uses Sender, then an explicit envelope sender, for MAIL FROM", async () => {
    expect((await build({ sender: "s@letterbox.test" })).envelope.from).toBe("s@letterbox.test");
    expect((await build({}, { envelopeFrom: "bounce@letterbox.test" })).envelope.from).toBe(
      "bounce@letterbox.test",
    );
  });

  it("writes IDN domains as A-labels without SMTPUTF8, as typed with it", async () => {
    const plain = await build({ to: ["kim@bücher.example"] });
    expect(plain.text).toContain("To: kim@xn--bcher-kva.example\r\n");
    expect(plain.needsSmtpUtf8).toBe(false);
    const utf8 = await buildMessageBytes(
      { ...base, to: ["用户@例子.广告"] },
      { transport: { smtpUtf8: true, eightBitMime: true } },
    );
    expect(Buffer.from(utf8.bytes).toString("utf8")).toContain("To: 用户@例子.广告\r\n");
    expect(utf8.needsSmtpUtf8).toBe(true);
    expect(utf8.envelope.to).toEqual(["用户@例子.广告"]);
    expect(await codeOf(() => build({ to: ["用户@例子.广告"] }))).toBe("INVALID_ADDRESS");
  });

  it("refuses invalid addresses and a missing From", async () => {
    expect(await codeOf(() => build({ to: ["not an address"] }))).toBe("INVALID_ADDRESS");
    expect(await codeOf(() => build({ to: ["Bob <bob@x.test>"] }))).toBe("INVALID_ADDRESS");
    expect(await codeOf(() => buildMessage({ from: "" } as MessageSpec))).toBe("INVALID_ADDRESS");
  });
});

describe("buildMessage: hostile compose inputs", () => {
  it("PC1: a To with a bare LF is refused as HEADER_INJECTION", async () => {
    expect(await codeOf(() => build({ to: [compose.PC1!] }))).toBe("HEADER_INJECTION");
    expect(await codeOf(() => build({ to: [{ name: compose.PC1!, address: "a@b.test" }] }))).toBe(
      "HEADER_INJECTION",
    );
  });

  it("PC2: a Subject with CRLF is refused as HEADER_INJECTION, never written", async () => {
    expect(await codeOf(() => build({ subject: compose.PC2! }))).toBe("HEADER_INJECTION");
  });

  it("PC3: the body keeps its dot lines, with CRLF", async () => {
    const m = await build({ text: compose.PC3! });
    expect(m.text.split("\r\n\r\n").slice(1).join("\r\n\r\n")).toBe("a\r\n.\r\nb\r\n.\r\nc\r\n");
    expectWireSafe(m.text);
  });

  it.each(["\u0000", "\r", "\n", "\u001f"])("refuses %j in every header input", async (c) => {
    const specs: Partial<MessageSpec>[] = [
      { subject: `a${c}b` },
      { from: { name: `a${c}b`, address: "me@letterbox.test" } },
      { replyTo: [`r${c}@x.test`] },
      { inReplyTo: `<a@b>${c}` },
      { references: [`<a@b>${c}X: y`] },
      { headers: [["X-Test", `v${c}Bcc: e@x`]] },
      { attachments: [{ filename: `f${c}.txt`, content: new Uint8Array(1) }] },
      {
        inlineImages: [
          { contentId: `c${c}@x`, contentType: "image/png", content: new Uint8Array(1) },
        ],
        html: "h",
      },
    ];
    for (const spec of specs) expect(await codeOf(() => build(spec))).toBe("HEADER_INJECTION");
  });
});

describe("buildMessage: extra headers, ids, dates", () => {
  it("writes extra headers in order, encodes non-ASCII, refuses the builder's own fields", async () => {
    const m = await build({
      headers: [
        ["X-Priority", "1"],
        ["X-Note", "naïve"],
      ],
    });
    expect(m.text).toContain("X-Priority: 1\r\nX-Note: =?UTF-8?Q?na=C3=AFve?=\r\n");
    for (const name of ["Bcc", "subject", "Content-Type", "Received", "MIME-Version"]) {
      expect(await codeOf(() => build({ headers: [[name, "x"]] }))).toBe("INVALID_INPUT");
    }
    expect(await codeOf(() => build({ headers: [["Bad Name", "x"]] }))).toBe("INVALID_INPUT");
  });

  it("keeps a given Message-ID and refuses malformed ones", async () => {
    expect((await build({ messageId: "abc.123@letterbox.test" })).messageId).toBe(
      "<abc.123@letterbox.test>",
    );
    expect(await codeOf(() => build({ messageId: "<no at sign>" }))).toBe("INVALID_INPUT");
  });

  it("writes In-Reply-To and References, folded", async () => {
    const refs = Array.from({ length: 8 }, (_, i) => `<message-${i}.abcdefghij@letterbox.test>`);
    const m = await build({ inReplyTo: refs[7], references: refs });
    expect(m.text).toContain(`In-Reply-To: ${refs[7]}\r\n`);
    const field = headerBlock(m.text).find((f) => f.startsWith("References:"))!;
    expect(field.replace(/\r\n /g, " ")).toBe(`References: ${refs.join(" ")}`);
    for (const line of field.split("\r\n")) expect(line.length).toBeLessThanOrEqual(78);
  });

  it("writes the Date in the given zone", async () => {
    const m = await build(
      { date: new Date(Date.UTC(2026, 10, 22, 23, 30, 0)) },
      { timeZoneOffsetMinutes: 90 },
    );
    expect(m.text).toContain("Date: Mon, 23 Nov 2026 01:00:00 +0130\r\n");
  });
});

describe("buildMessage: forwarded messages (message/rfc822)", () => {
  const ascii = new TextEncoder().encode("From: a@b.test\r\nSubject: orig\r\n\r\nbody\r\n");
  const eight = new TextEncoder().encode("From: a@b.test\r\nSubject: orig\r\n\r\nGrüße\r\n");
  const binary = new TextEncoder().encode("From: a@b.test\nSubject: orig\n\nbare LF\n");

  function forwardedBody(text: string): string {
    const part = text.split("Content-Type: message/rfc822\r\n")[1]!;
    return part.slice(part.indexOf("\r\n\r\n") + 4, part.lastIndexOf("\r\n--=_lbx_"));
  }

  it("keeps 7bit and (with 8BITMIME) 8bit originals byte for byte", async () => {
    const a = await build({ attachments: [{ message: ascii }] });
    expect(a.text).toContain("Content-Transfer-Encoding: 7bit");
    expect(forwardedBody(a.text)).toBe(latin1(ascii));
    expect(a.needs8BitMime).toBe(false);
    const b = await build(
      { attachments: [{ message: eight }] },
      { transport: { eightBitMime: true } },
    );
    expect(b.text).toContain("Content-Transfer-Encoding: 8bit");
    expect(forwardedBody(b.text)).toBe(latin1(eight));
    expect(b.needs8BitMime).toBe(true);
  });

  it("sends binary only with BINARYMIME, base64 otherwise, never a bare LF", async () => {
    const withBinary = await build(
      { attachments: [{ message: binary }] },
      { transport: { binaryMime: true } },
    );
    expect(withBinary.text).toContain("Content-Transfer-Encoding: binary");
    expect(withBinary.needsBinaryMime).toBe(true);
    for (const [msg, transport] of [
      [binary, { eightBitMime: true }],
      [eight, {}],
    ] as const) {
      const m = await build(
        { attachments: [{ message: msg, filename: "orig.eml" }] },
        { transport },
      );
      expect(m.text).toContain("Content-Transfer-Encoding: base64");
      expect(
        Buffer.from(forwardedBody(m.text).replace(/\r\n/g, ""), "base64").equals(Buffer.from(msg)),
      ).toBe(true);
      expectWireSafe(m.text);
      expect(m.needs8BitMime || m.needsBinaryMime).toBe(false);
    }
  });
});

describe("buildMessage: boundaries", () => {
  it("draws another boundary when the content contains the first", async () => {
    let call = 0;
    const random = (n: number) => new Uint8Array(n).fill(call++);
    // Call 0 makes the Message-ID, call 1 the first boundary ("BBB..."), which the text holds.
    const trap = `--=_lbx_${"B".repeat(24)}`;
    const m = await build({ text: trap, html: "<p>x</p>" }, { random });
    expect(m.text).toContain(`boundary="=_lbx_${"C".repeat(24)}"`);
    expect(m.text).toContain(trap);
  });
});

describe("buildMessage: sizes and streaming", () => {
  const source = (bytes: Uint8Array, chunk = 1000): StreamSource => ({
    size: bytes.length,
    stream: async function* () {
      for (let at = 0; at < bytes.length; at += chunk) yield bytes.subarray(at, at + chunk);
    },
  });

  it("predicts the exact size, and the estimate does not read any stream", async () => {
    let read = false;
    const spec: MessageSpec = {
      ...base,
      subject: "Größe 📎",
      text: "x\n".repeat(1000),
      html: "<p>ü</p>".repeat(500),
      attachments: [
        { filename: "näme.bin", content: new Uint8Array(12345) },
        {
          filename: "s.bin",
          content: {
            size: 54321,
            stream: () => {
              read = true;
              return source(new Uint8Array(54321)).stream();
            },
          },
        },
      ],
    };
    const estimate = estimateMessageSize(spec);
    expect(read).toBe(false);
    const built = await buildMessageBytes(spec);
    expect(built.bytes.length).toBe(estimate);
    expect(built.size).toBe(estimate);
  });

  it("can be written twice, reading the sources again", async () => {
    const message = buildMessage({
      ...base,
      attachments: [{ filename: "a", content: source(new Uint8Array(5000).fill(7)) }],
    });
    expect(latin1(await collectMessage(message))).toBe(latin1(await collectMessage(message)));
  });

  it("refuses a stream that does not give its declared size", async () => {
    const lying = { size: 10, stream: source(new Uint8Array(20)).stream };
    const message = buildMessage({ ...base, attachments: [{ filename: "a", content: lying }] });
    expect(await codeOf(() => collectMessage(message))).toBe("INVALID_INPUT");
  });

  it("streams a 25 MB attachment without reading ahead of what it has written", async () => {
    const chunk = 64 * 1024;
    const chunks = 400;
    let produced = 0;
    const big: StreamSource = {
      size: chunk * chunks,
      stream: async function* () {
        for (let i = 0; i < chunks; i++) {
          produced++;
          yield new Uint8Array(chunk).fill(i);
        }
      },
    };
    const message = buildMessage({
      ...base,
      text: "see attached",
      attachments: [{ filename: "big.bin", content: big }],
    });
    let written = 0;
    let maxAhead = 0;
    let consumed = 0;
    for await (const part of message.stream) {
      written += part.length;
      consumed = Math.floor((written / message.size) * chunks);
      maxAhead = Math.max(maxAhead, produced - consumed);
    }
    expect(written).toBe(message.size);
    expect(produced).toBe(chunks);
    expect(maxAhead).toBeLessThanOrEqual(3);
  });
});
