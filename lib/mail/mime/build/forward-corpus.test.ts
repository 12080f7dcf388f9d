/**
 * Forward-as-attachment on real mail: every message of the public corpus goes into a
 * message/rfc822 part with its bytes unchanged (RFC 2046 section 5.2.1), under each set of
 * transport capabilities, and the wire never carries a bare CR or LF unless BINARYMIME allows
 * it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CORPUS_DIR } from "../../../dev/shared-data.ts";
import { buildMessageBytes } from "./build-message.ts";
import { rawEncodingOf } from "./mime-parts.ts";
import type { TransportCapabilities } from "./types.ts";

const dir = `${CORPUS_DIR}/`;
const files = readdirSync(dir)
  .filter((name) => name.endsWith(".eml"))
  .sort();

function forwardedBody(wire: Buffer): { encoding: string; body: Buffer } {
  const marker = Buffer.from("Content-Type: message/rfc822\r\n");
  const start = wire.indexOf(marker);
  const headerEnd = wire.indexOf("\r\n\r\n", start) + 4;
  const head = wire.subarray(start, headerEnd).toString("latin1");
  const encoding = /Content-Transfer-Encoding: (\S+)/.exec(head)![1]!;
  // The part ends at the CRLF before the close delimiter, the last line of the message.
  const end = wire.lastIndexOf("\r\n--=_lbx_");
  return { encoding, body: wire.subarray(headerEnd, end) };
}

const transports: TransportCapabilities[] = [
  {},
  { eightBitMime: true },
  { eightBitMime: true, binaryMime: true },
];

describe("forwarding the public corpus as attachments", () => {
  it(`keeps all ${files.length} messages byte for byte`, async () => {
    expect(files.length).toBeGreaterThan(800);
    const seen = new Set<string>();
    for (const name of files) {
      const original = readFileSync(`${dir}${name}`);
      const raw = rawEncodingOf(original);
      seen.add(raw);
      for (const transport of transports) {
        const built = await buildMessageBytes(
          {
            from: "me@letterbox.test",
            to: ["you@letterbox.test"],
            text: "FYI",
            attachments: [{ message: original }],
          },
          { transport },
        );
        const wire = Buffer.from(built.bytes);
        expect(wire.length, name).toBe(built.size);
        const { encoding, body } = forwardedBody(wire);
        const fits =
          raw === "7bit" ||
          (raw === "8bit" && transport.eightBitMime === true) ||
          (raw === "binary" && transport.binaryMime === true);
        expect(encoding, name).toBe(fits ? raw : "base64");
        const decoded =
          encoding === "base64" ? Buffer.from(body.toString("latin1"), "base64") : body;
        expect(decoded.equals(original), name).toBe(true);
        if (encoding !== "binary")
          expect(/(?<!\r)\n|\r(?!\n)/.test(wire.toString("latin1")), name).toBe(false);
        expect(built.needs8BitMime, name).toBe(encoding === "8bit");
        expect(built.needsBinaryMime, name).toBe(encoding === "binary");
      }
    }
    // The corpus exercises all three identity encodings.
    expect([...seen].sort()).toEqual(["7bit", "8bit", "binary"]);
  });
});
