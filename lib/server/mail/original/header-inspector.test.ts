import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS_DIR } from "../../../dev/shared-data.ts";
import { parseMessage } from "../../../mail/mime/index.ts";
import { foldedTexts, inspectHeaders } from "./header-inspector.ts";

const CORPUS = CORPUS_DIR;
const files = readdirSync(CORPUS).filter((f) => f.endsWith(".eml"));

/** The header block of a message: up to the first empty line. */
function headerBlock(bytes: Buffer): Buffer {
  const crlf = bytes.indexOf("\r\n\r\n");
  const lf = bytes.indexOf("\n\n");
  const ends = [crlf >= 0 ? crlf + 4 : -1, lf >= 0 ? lf + 2 : -1].filter((n) => n >= 0);
  return bytes.subarray(0, ends.length ? Math.min(...ends) : bytes.length);
}

describe("inspectHeaders", () => {
  it("groups fields as RFC 5322 does, decoded beside the text as written", () => {
    const header = Buffer.from(
      [
        "Received: from a.example (a.example [192.0.2.1])",
        "\tby b.example with ESMTP; Mon, 3 Feb 2025 10:00:02 +0000",
        "From: =?utf-8?q?Andr=C3=A9?= <andre@a.example>",
        "To: bob@b.example",
        "Subject: =?utf-8?b?SMOpbGxv?=",
        "Subject: second",
        "Date: Mon, 3 Feb 2025 10:00:00 +0000",
        "Message-ID: <1@a.example>",
        "MIME-Version: 1.0",
        "X-Custom: yes",
        "",
        "",
      ].join("\r\n"),
    );
    const groups = inspectHeaders(header, parseMessage(header).headers.fields);
    expect(groups.map((g) => g.id)).toEqual([
      "originator",
      "destination",
      "origination-date",
      "informational",
      "identification",
      "mime",
      "trace",
      "other",
    ]);
    const from = groups[0]!.fields[0]!;
    expect(from).toMatchObject({
      name: "From",
      value: "André <andre@a.example>",
      folded: "From: =?utf-8?q?Andr=C3=A9?= <andre@a.example>",
      duplicate: false,
      index: 1,
    });
    const subjects = groups.find((g) => g.id === "informational")!.fields;
    expect(subjects.map((s) => [s.value, s.duplicate])).toEqual([
      ["Héllo", false],
      ["second", true],
    ]);
    const received = groups.find((g) => g.id === "trace")!.fields[0]!;
    expect(received.folded).toBe(
      "Received: from a.example (a.example [192.0.2.1])\n\tby b.example with ESMTP; Mon, 3 Feb 2025 10:00:02 +0000",
    );
    expect(received.value).toBe(
      // Unfolding removes the CRLF only (RFC 5322 section 2.2.3): the tab stays.
      "from a.example (a.example [192.0.2.1])\tby b.example with ESMTP; Mon, 3 Feb 2025 10:00:02 +0000",
    );
  });

  it("reads 8-bit header bytes that are not UTF-8 as windows-1252, like the parser", () => {
    const header = Buffer.concat([
      Buffer.from("Subject: caf"),
      Buffer.from([0xe9]),
      Buffer.from("\r\n\r\n"),
    ]);
    const [field] = inspectHeaders(header, parseMessage(header).headers.fields)[0]!.fields;
    expect(field!.folded).toBe("Subject: café");
  });

  it(`cuts every field of the ${files.length} corpus messages so that together they are the header`, () => {
    expect(files.length).toBeGreaterThan(100);
    let checked = 0;
    for (const file of files) {
      const bytes = readFileSync(path.join(CORPUS, file));
      const message = parseMessage(bytes);
      const fields = message.headers.fields;
      if (message.unixFrom !== null || fields.length === 0) continue;
      const block = headerBlock(bytes);
      const folded = foldedTexts(block, fields);
      // Each folded text starts with its field's name…
      fields.forEach((field, i) => {
        expect(folded[i]!.startsWith(field.name), `${file} ${field.name}`).toBe(true);
      });
      const expected = new TextDecoder()
        .decode(block.subarray(fields[0]!.offset))
        .replace(/\r\n?/g, "\n")
        .replace(/\n+$/, "");
      // …and, for plain ASCII headers, together they are the header block to the byte.
      if (/[^\x00-\x7f]/.test(expected)) continue;
      expect(folded.join("\n"), file).toBe(expected);
      checked++;
    }
    expect(checked).toBeGreaterThan(files.length / 2);
  });
});
