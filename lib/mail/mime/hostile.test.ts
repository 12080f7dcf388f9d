/**
 * The hostile messages of ../shared/hostile-public (README, manifest.tsv): parser DoS (p11-p13)
 * must stay within time and limits and still open; encoded-word abuse (p14) must not turn into
 * header lines; hostile filenames (p10) are reported as data. Timings are the median of three
 * runs, on the shared two-core test machine.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HOSTILE_DIR } from "../../dev/shared-data.ts";
import { envelopeOf } from "./envelope.ts";
import { DEFAULT_MIME_LIMITS } from "./limits.ts";
import type { ParsedMessage } from "./message.ts";
import { type ParseOptions, parseMessage } from "./parser.ts";
import { MimeStreamParser } from "./stream-parser.ts";
import { attachments } from "./views/attachments.ts";
import { displayBody } from "./views/body.ts";

const hostile = (name: string) => new Uint8Array(readFileSync(path.join(HOSTILE_DIR, name)));

function timed(bytes: Uint8Array, options?: ParseOptions): { msg: ParsedMessage; ms: number } {
  const runs: number[] = [];
  let msg: ParsedMessage | undefined;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    msg = parseMessage(bytes, options);
    runs.push(performance.now() - t0);
  }
  runs.sort((a, b) => a - b);
  return { msg: msg!, ms: runs[1]! };
}

function maxDepth(msg: ParsedMessage): number {
  return Math.max(...msg.parts().map((p) => p.depth));
}

describe("p11: 1,000 nested multiparts", () => {
  const bytes = hostile("p11-nesting-1000.eml");

  it("parses in well under 500 ms, stops at the depth limit, and still opens", () => {
    const { msg, ms } = timed(bytes);
    expect(ms).toBeLessThan(500);
    expect(maxDepth(msg)).toBeLessThanOrEqual(DEFAULT_MIME_LIMITS.maxDepth);
    expect(msg.warnings.map((w) => w.code)).toContain("depth-limit");
    expect(envelopeOf(msg.headers).subject).toBe("Nested 1000");
    // The cut-off subtree is structure, not text: it is not shown as the body.
    expect(displayBody(msg)).toBeNull();
  });

  it("honours an overridden depth limit", () => {
    const msg = parseMessage(bytes, { limits: { maxDepth: 10 } });
    expect(maxDepth(msg)).toBe(10);
    expect(msg.parts()).toHaveLength(11);
  });
});

describe("p12: 4 MB header line and boundaries never closed", () => {
  const bytes = hostile("p12-unclosed-and-4mb-header.eml");

  it("parses in well under 2 s, caps the header and shows the visible text", () => {
    const { msg, ms } = timed(bytes);
    expect(ms).toBeLessThan(2000);
    expect(msg.warnings.map((w) => w.code)).toContain("header-line-limit");
    const pad = msg.headers.first("x-pad")!;
    expect(pad.truncated).toBe(true);
    expect(pad.raw.length).toBeLessThanOrEqual(DEFAULT_MIME_LIMITS.maxHeaderLineBytes);
    // The Content-Type after the huge line still counts: the structure is found.
    expect(msg.root.kind).toBe("multipart");
    expect(displayBody(msg)?.text).toBe("visible text");
    expect(msg.root.defects).toContain("missing-close-boundary");
  });

  it("streams in constant memory: same tree from 16 KB chunks, within the time budget", () => {
    const t0 = performance.now();
    const parser = new MimeStreamParser();
    for (let i = 0; i < bytes.length; i += 16384) parser.write(bytes.subarray(i, i + 16384));
    const { message } = parser.end();
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(message.parts().map((p) => [p.section, p.offsets])).toEqual(
      parseMessage(bytes)
        .parts()
        .map((p) => [p.section, p.offsets]),
    );
  });
});

describe("tiny chunks stay linear", () => {
  it("streams p12 three bytes at a time without rescanning the 4 MB line quadratically", () => {
    const bytes = hostile("p12-unclosed-and-4mb-header.eml");
    const t0 = performance.now();
    const parser = new MimeStreamParser();
    for (let i = 0; i < bytes.length; i += 3) parser.write(bytes.subarray(i, i + 3));
    const { message } = parser.end();
    // About 0.6 s here; quadratic rescanning of the line would take minutes.
    expect(performance.now() - t0).toBeLessThan(8000);
    expect(displayBody(message)?.text).toBe("visible text");
  }, 20_000);
});

describe("p13: 200,000 sibling parts", () => {
  const bytes = hostile("p13-200k-parts.eml");

  it("parses in under 500 ms with the part count capped", () => {
    const { msg, ms } = timed(bytes);
    expect(ms).toBeLessThan(500);
    expect(msg.parts().length).toBeLessThanOrEqual(DEFAULT_MIME_LIMITS.maxParts);
    expect(msg.warnings.map((w) => w.code)).toContain("part-limit");
    expect(displayBody(msg)?.text).toBe("first");
    // The skipped parts' bytes stay in the multipart, whose end is still the end of input.
    expect(msg.root.offsets.bodyEnd).toBeGreaterThan(bytes.length - 10);
  });

  it("honours an overridden part limit", () => {
    expect(parseMessage(bytes, { limits: { maxParts: 100 } }).parts()).toHaveLength(100);
  });
});

describe("p14: encoded-word abuse in headers", () => {
  const msg = parseMessage(hostile("p14-reply-injection-header-xss.eml"));
  const env = envelopeOf(msg.headers);

  it("keeps a decoded subject on one line (no Bcc/X-P14 header lines for a reply)", () => {
    expect(env.subject).not.toMatch(/[\r\n]/);
    expect(env.subject).toContain("Bcc: p14-bcc@attacker.test");
    // HTML in the subject is data; escaping is the renderer's job, but nothing is dropped.
    expect(env.subject).toContain("<img src=x: onerror=");
  });

  it("shows the real sender address next to a name that looks like an address", () => {
    expect(env.from).toEqual([
      { name: "it-helpdesk@letterbox.test", address: "p14@attacker.test" },
    ]);
  });

  it("keeps a decoded display name on one line", () => {
    expect(env.replyTo).toEqual([
      { name: "Help Cc: p14-cc@attacker.test", address: "p14-reply@attacker.test" },
    ]);
  });
});

describe("p10: hostile filenames", () => {
  it("reports every decoded name as data", () => {
    const names = attachments(parseMessage(hostile("p10-filenames.eml"))).map((a) => a.filename);
    expect(names.slice(0, 2)).toEqual(["../../../tmp/lbx-pub-1.txt", "invoice\u202efdp.exe"]);
    expect(names[2]).toMatch(/^L{4000,}\.pdf$/);
  });
});

describe("limits never throw", () => {
  it("keeps a partial result with tiny limits on every hostile message", () => {
    for (const name of [
      "p10-filenames.eml",
      "p11-nesting-1000.eml",
      "p12-unclosed-and-4mb-header.eml",
      "p13-200k-parts.eml",
      "p14-reply-injection-header-xss.eml",
    ]) {
      const msg = parseMessage(hostile(name), {
        limits: {
          maxDepth: 2,
          maxParts: 3,
          maxHeaderLineBytes: 40,
          maxHeaderBlockBytes: 120,
          maxHeaders: 4,
          maxEncodedWords: 1,
        },
      });
      expect(msg.parts().length).toBeLessThanOrEqual(3);
      expect(msg.headers.size).toBeLessThanOrEqual(4);
      for (const part of msg.parts()) {
        expect(part.depth).toBeLessThanOrEqual(2);
        for (const field of part.headers.fields)
          expect(field.name.length + field.raw.length).toBeLessThanOrEqual(41);
      }
    }
  });
});
