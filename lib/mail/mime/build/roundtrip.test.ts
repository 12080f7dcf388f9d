/**
 * Property test: everything the builder writes, our parser (lib/mail/mime) reads back
 * identically, whole or streamed. Random messages (testing/random-message.ts): bodies in many
 * scripts with mixed line ends, dot lines, "From " lines, long lines and trailing spaces;
 * subjects and display names with encoded-word look-alikes, quotes, tabs and runs of spaces;
 * filenames non-ASCII, with quotes, semicolons, backslashes, "%" and very long; random
 * attachment bytes given as bytes or as streams; inline images; forwarded messages; built with
 * and without 8BITMIME / BINARYMIME. Checked: subject, From/To/Cc (names and addresses), no
 * Bcc, Message-ID, text, HTML, attachment filenames, types and bytes (sha256), Content-IDs,
 * inline image filenames and bytes, forwarded message bytes, the envelope, the wire rules
 * (CRLF only, lines within 998) and that the computed size is the real size.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  envelopeOf,
  htmlBody,
  type ParsedMessage,
  parseMessage,
  parseMessageStream,
  textBody,
} from "../index.ts";
import { buildMessage, collectMessage } from "./build-message.ts";
import { estimateMessageSize } from "./size-estimate.ts";
import { randomMessage } from "./testing/random-message.ts";
import type { ByteSource, Mailbox, MessageSpec } from "./types.ts";

/** Whole-message parses; every 4th case is also parsed from the builder's stream. */
const CASES = 500;

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function bytesOf(content: ByteSource): Promise<Uint8Array> {
  if (content instanceof Uint8Array) return content;
  const chunks: Uint8Array[] = [];
  for await (const chunk of content.stream()) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function mailbox(input: string | Mailbox): { name: string; address: string } {
  return typeof input === "string"
    ? { name: "", address: input }
    : { name: input.name ?? "", address: input.address };
}

const names = (list: { name: string; address: string }[]) =>
  list.map(({ name, address }) => ({ name, address }));

/**
 * Line ends are CRLF on the wire whatever was typed; and a single-part 7bit/8bit body gains a
 * final line break, since the message must end with CRLF (mime-tree-writer.ts).
 */
function expectSameText(parsed: string | null, sent: string | undefined, context: string): void {
  if (sent === undefined) {
    expect(parsed, context).toBeNull();
    return;
  }
  const lf = (s: string) => s.replace(/\r\n|\r/g, "\n");
  const got = lf(parsed ?? "<missing>");
  const want = lf(sent);
  expect(got === `${want}\n` ? want : got, context).toBe(want);
}

async function expectReadBack(
  message: ParsedMessage,
  spec: MessageSpec,
  messageId: string,
  context: string,
) {
  const envelope = envelopeOf(message.headers);
  expect(envelope.subject, context).toBe(spec.subject ?? null);
  expect(names(envelope.from), context).toEqual([mailbox(spec.from)]);
  expect(names(envelope.to), context).toEqual((spec.to ?? []).map(mailbox));
  expect(names(envelope.cc), context).toEqual((spec.cc ?? []).map(mailbox));
  expect(envelope.bcc, context).toEqual([]);
  expect(envelope.messageId, context).toBe(messageId.slice(1, -1));

  expectSameText(textBody(message), spec.text, `${context} text`);
  expectSameText(htmlBody(message), spec.html, `${context} html`);

  const parts = message.parts().filter((p) => p.decodedFrom === null);
  const files = parts.filter(
    (p) => p.disposition === "attachment" && p.contentType !== "message/rfc822",
  );
  const sentFiles = (spec.attachments ?? []).flatMap((a) => ("content" in a ? [a] : []));
  expect(
    files.map((p) => p.filename),
    context,
  ).toEqual(sentFiles.map((a) => a.filename));
  for (const [i, sent] of sentFiles.entries()) {
    const part = files[i]!;
    expect(part.contentType, context).toBe(sent.contentType ?? "application/octet-stream");
    expect(sha256(message.content(part)!), `${context} attachment ${i}`).toBe(
      sha256(await bytesOf(sent.content)),
    );
  }

  const images = parts.filter((p) => p.contentId !== null);
  const sentImages = spec.inlineImages ?? [];
  expect(
    images.map((p) => p.contentId),
    context,
  ).toEqual(sentImages.map((i) => i.contentId));
  for (const [i, sent] of sentImages.entries()) {
    const part = images[i]!;
    expect(part.filename ?? undefined, context).toBe(sent.filename);
    expect(part.contentType, context).toBe(sent.contentType);
    expect(sha256(message.content(part)!), `${context} image ${i}`).toBe(
      sha256(await bytesOf(sent.content)),
    );
  }

  const forwards = parts.filter((p) => p.contentType === "message/rfc822");
  const sentForwards = (spec.attachments ?? []).flatMap((a) => ("message" in a ? [a] : []));
  expect(forwards.length, context).toBe(sentForwards.length);
  for (const [i, sent] of sentForwards.entries()) {
    const part = forwards[i]!;
    expect(part.children.length, `${context} forward ${i}`).toBe(1);
    expect(sha256(message.content(part)!), `${context} forward ${i}`).toBe(sha256(sent.message));
  }
}

describe("build → parse round trip", () => {
  it(`reads back ${CASES} random messages identically`, { timeout: 180_000 }, async () => {
    let streamed = 0;
    for (let seed = 1; seed <= CASES; seed++) {
      const context = `seed ${seed}`;
      const { spec, options } = randomMessage(seed);
      const built = buildMessage(spec, options);
      const wire = await collectMessage(built);
      expect(wire.length, context).toBe(built.size);
      expect(estimateMessageSize(spec, options), context).toBe(built.size);
      const text = Buffer.from(wire).toString("latin1");
      expect(text.endsWith("\r\n"), context).toBe(true);
      if (!built.needsBinaryMime) {
        expect(/(?<!\r)\n|\r(?!\n)/.test(text), context).toBe(false);
        expect(
          text.split("\r\n").every((line) => line.length <= 998),
          context,
        ).toBe(true);
      }
      const recipients = [...(spec.to ?? []), ...(spec.cc ?? []), ...(spec.bcc ?? [])].map(
        (m) => mailbox(m).address,
      );
      expect(built.envelope.to, context).toEqual([...new Set(recipients)]);

      await expectReadBack(parseMessage(wire), spec, built.messageId, context);
      if (seed % 4 === 0) {
        const message = await parseMessageStream(built.stream, { keep: () => true });
        await expectReadBack(message, spec, built.messageId, `${context} (stream)`);
        streamed++;
      }
    }
    expect(streamed).toBe(CASES / 4);
  });

  // RFC 2231's extended value (filename*=utf-8''...) is final text: no RFC 2047 decoding runs
  // over it, so a file named "a=?utf-8?q?x?=.pdf" does not read back as "ax.pdf".
  it("a filename holding an encoded-word look-alike reads back unchanged", async () => {
    const filename = "a=?utf-8?q?x?=.pdf";
    const { bytes } = {
      bytes: await collectMessage(
        buildMessage({
          from: "me@letterbox.test",
          to: ["you@letterbox.test"],
          attachments: [{ filename, content: new Uint8Array([1, 2, 3]) }],
        }),
      ),
    };
    expect(Buffer.from(bytes).toString("latin1")).toContain(
      "filename*=utf-8''a%3D%3Futf-8%3Fq%3Fx%3F%3D.pdf",
    );
    const part = parseMessage(bytes)
      .parts()
      .find((p) => p.disposition === "attachment")!;
    expect(part.filename).toBe(filename);
  });
});
