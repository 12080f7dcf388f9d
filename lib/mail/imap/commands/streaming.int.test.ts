import crypto from "node:crypto";
import v8 from "node:v8";
import vm from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImapClient } from "../client.ts";
import { connectStack, removeTree, uniqueName } from "../testing/stack-client.ts";

v8.setFlagsFromString("--expose-gc");
const fullGc = vm.runInNewContext("gc") as () => void;
/** Twice: the first pass leaves array buffers freed by finalizers for the second to account. */
const gc = () => {
  fullGc();
  fullGc();
};

const ATTACHMENT = 25 * 1024 * 1024;
let client: ImapClient;
const root = uniqueName("stream");
let uid: number;
let messageSha: string;
let messageSize: number;
let attachmentSha: string;

/**
 * Live heap plus Buffers. Sampled right after a full GC, so what is measured is what the
 * download retains, not garbage (socket chunks already hashed) waiting to be collected.
 */
function used(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

beforeAll(async () => {
  client = await connectStack("dave");
  await client.createMailbox(root);
  const attachment = crypto.randomBytes(ATTACHMENT);
  attachmentSha = crypto.createHash("sha256").update(attachment).digest("hex");
  const base64 = attachment.toString("base64").replace(/.{76}/g, "$&\r\n");
  const message = Buffer.from(
    [
      "From: Alice <alice@example.test>",
      "To: Dave <dave@example.test>",
      "Subject: 25 MB attachment",
      "MIME-Version: 1.0",
      'Content-Type: multipart/mixed; boundary="big"',
      "",
      "--big",
      "Content-Type: text/plain",
      "",
      "See attached.",
      "--big",
      'Content-Type: application/octet-stream; name="big.bin"',
      "Content-Transfer-Encoding: base64",
      "",
      base64,
      "--big--",
      "",
    ].join("\r\n"),
  );
  messageSha = crypto.createHash("sha256").update(message).digest("hex");
  messageSize = message.length;
  uid = (await client.append(root, message)).uid!;
  await client.examine(root);
}, 120_000);

afterAll(async () => {
  await removeTree(client, root);
  await client.logout();
});

async function measure(run: (sink: (chunk: Buffer) => void) => Promise<unknown>) {
  gc();
  const baseline = used();
  let peak = baseline;
  let chunks = 0;
  const hash = crypto.createHash("sha256");
  const started = performance.now();
  await run((chunk) => {
    hash.update(chunk);
    if (++chunks % 8 === 0) {
      gc();
      peak = Math.max(peak, used());
    }
  });
  expect(chunks).toBeGreaterThan(64);
  return { sha: hash.digest("hex"), growth: peak - baseline, ms: performance.now() - started };
}

describe("streaming a 25 MB attachment", () => {
  it("streams the whole message to a hash with flat memory", async () => {
    const result = await measure((sink) => client.download(uid, { section: "" }, sink));
    expect(messageSize).toBeGreaterThan(ATTACHMENT);
    expect(result.sha).toBe(messageSha);
    // Far below the 34 MB message: only socket-sized chunks are ever held.
    expect(result.growth).toBeLessThan(4 * 1024 * 1024);
  });

  it("streams the decoded attachment (BINARY) with flat memory", async () => {
    const result = await measure((sink) =>
      client.download(uid, { section: "2", binary: true }, sink),
    );
    expect(result.sha).toBe(attachmentSha);
    expect(result.growth).toBeLessThan(4 * 1024 * 1024);
  });

  it("a failing sink fails the download but not the connection", async () => {
    await expect(
      client.download(uid, { section: "" }, () => {
        throw new Error("disk full");
      }),
    ).rejects.toThrow("disk full");
    expect(client.usable).toBe(true);
    await client.noop();
  });

  it("a buffered fetch of the same message is refused by maxLiteralSize when set lower", async () => {
    const small = await connectStack("dave", { limits: { maxLiteralSize: 1024 * 1024 } });
    await small.examine(root);
    await expect(
      small.fetch(uid, { bodies: [{ section: "" }] }, { byUid: true }),
    ).rejects.toMatchObject({
      code: "LIMIT_EXCEEDED",
    });
    expect(small.usable).toBe(false);
  });
});
