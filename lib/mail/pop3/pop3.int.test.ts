/**
 * The POP3 client against the local stack's real Dovecot. Messages are seeded byte for byte
 * with deliverRaw into dave's INBOX (the user only these tests delete from); each test finds
 * its own messages by Message-ID and never assumes an empty mailbox.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { mailstack, stackUser } from "@/lib/dev/mailstack";
import { deliverRaw, start } from "@/scripts/mailstack/stack.mjs";
import { Pop3Client } from "./client.ts";
import type { Pop3ClientOptions } from "./options.ts";
import { Pop3Error } from "./pop3-error.ts";
import { findByMessageId } from "./testing/find-message.ts";

const dave = stackUser("dave");
const pl1 = stackUser("pl1");
let ca: Buffer;

beforeAll(async () => {
  await start();
  ca = fs.readFileSync(mailstack.certFile);
}, 120_000);

function options(extra: Partial<Pop3ClientOptions> = {}): Pop3ClientOptions {
  return {
    host: mailstack.host,
    port: mailstack.ports.pop3,
    security: "starttls",
    tlsPolicy: { ca },
    auth: { user: dave.login, password: dave.password },
    ...extra,
  };
}

/** A message with the lines POP3 byte-stuffing exists for, delivered to dave's INBOX. */
async function seed(subject: string): Promise<{ messageId: string; bytes: Buffer }> {
  const messageId = `<${crypto.randomUUID()}@letterbox.test>`;
  const bytes = Buffer.from(
    [
      "From: alice@example.test",
      "To: dave@example.test",
      `Subject: ${subject}`,
      `Message-ID: ${messageId}`,
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "",
      "line 1",
      ".starts with a dot",
      ".",
      "..",
      `a long line ${"x".repeat(5000)}`,
      "naïve café ✓",
      "last",
      "",
    ].join("\r\n"),
  );
  await deliverRaw(dave.login, "INBOX", bytes);
  return { messageId, bytes };
}

async function find(client: Pop3Client, messageId: string): Promise<number> {
  const id = await findByMessageId(client, messageId);
  if (id === undefined) throw new Error(`${messageId} not in the maildrop`);
  return id;
}

describe("POP3 against Dovecot", () => {
  it("logs in after STLS and over implicit TLS, with SASL PLAIN and with USER/PASS", async () => {
    for (const extra of [
      {},
      { port: mailstack.ports.pop3s, security: "tls" as const },
      { authMethod: "user" as const },
    ]) {
      const client = await Pop3Client.connect(options(extra));
      expect(client.secure).toBe(true);
      expect(client.authMethod).toBe(extra.authMethod === "user" ? "USER" : "SASL PLAIN");
      expect(client.capabilities).toMatchObject({ known: true, top: true, uidl: true });
      await client.quit();
    }
  });

  it("logs in with PL1, a hostile-but-legal password, by SASL and by PASS", async () => {
    for (const authMethod of ["sasl", "user"] as const) {
      const client = await Pop3Client.connect(
        options({ authMethod, auth: { user: pl1.login, password: pl1.password } }),
      );
      expect(await client.stat()).toMatchObject({ count: expect.any(Number) });
      await client.quit();
    }
  });

  it("reports a wrong password as AUTH_FAILED with Dovecot's [AUTH] code", async () => {
    for (const authMethod of ["sasl", "user"] as const) {
      const error = (await Pop3Client.connect(
        options({ authMethod, auth: { user: dave.login, password: "wrong" } }),
      ).catch((e) => e)) as Pop3Error;
      expect(error).toBeInstanceOf(Pop3Error);
      expect(error).toMatchObject({ code: "AUTH_FAILED", responseCode: "AUTH", transient: false });
    }
  });

  it("refuses to log in without TLS unless the account allows it", async () => {
    await expect(Pop3Client.connect(options({ security: "none" }))).rejects.toMatchObject({
      code: "PLAINTEXT_REFUSED",
    });
  });

  it("RETR gives the message byte for byte, streamed or whole; TOP gives the head and n lines", async () => {
    const { messageId, bytes } = await seed("retr exact");
    const client = await Pop3Client.connect(options());
    try {
      const id = await find(client, messageId);
      expect(await client.list(id)).toEqual({ id, size: bytes.length });
      expect(await client.retrieve(id)).toEqual(bytes);
      const chunks: Buffer[] = [];
      expect(await client.retrieveTo(id, (c) => void chunks.push(c))).toBe(bytes.length);
      expect(Buffer.concat(chunks)).toEqual(bytes);
      const head = bytes.subarray(0, bytes.indexOf("\r\n\r\n") + 4).toString();
      expect((await client.top(id, 2)).toString()).toBe(`${head}line 1\r\n.starts with a dot\r\n`);
    } finally {
      await client.quit();
    }
  });

  it("keeps UIDL stable across sessions", async () => {
    const { messageId } = await seed("uidl stable");
    const first = await Pop3Client.connect(options());
    const id1 = await find(first, messageId);
    const uid = (await first.uidl(id1)).uid;
    expect((await first.uidl()).find((u) => u.id === id1)?.uid).toBe(uid);
    await first.quit();
    const second = await Pop3Client.connect(options());
    const id2 = await find(second, messageId);
    expect((await second.uidl(id2)).uid).toBe(uid);
    await second.quit();
  });

  it("DELE then RSET keeps the message; DELE then close keeps it; DELE then QUIT removes it", async () => {
    const { messageId } = await seed("dele");
    let client = await Pop3Client.connect(options());
    let id = await find(client, messageId);
    const uid = (await client.uidl(id)).uid;
    const before = (await client.stat()).count;
    await client.delete(id);
    expect((await client.stat()).count).toBe(before - 1);
    await expect(client.retrieve(id)).rejects.toMatchObject({ code: "POP3_ERR" });
    await client.reset();
    expect((await client.stat()).count).toBe(before);
    await client.quit();

    client = await Pop3Client.connect(options());
    id = await find(client, messageId);
    await client.delete(id);
    client.close();

    client = await Pop3Client.connect(options());
    id = await find(client, messageId);
    await client.delete(id);
    await client.quit();

    client = await Pop3Client.connect(options());
    expect(await findByMessageId(client, messageId)).toBeUndefined();
    expect((await client.uidl()).some((u) => u.uid === uid)).toBe(false);
    await client.quit();
  });

  it("pipelines TOPs (RFC 2449 PIPELINING): the same results as one at a time, a -ERR in place", async () => {
    const seeded = [await seed("pipelined 1"), await seed("pipelined 2")];
    const lines: string[] = [];
    const client = await Pop3Client.connect(
      options({ transcript: (direction, text) => lines.push(`${direction}: ${text}`) }),
    );
    try {
      expect(client.capabilities.pipelining).toBe(true);
      expect(client.pipelining).toBe(true);
      const { count } = await client.stat();
      const mine = await Promise.all(seeded.map((m) => find(client, m.messageId)));
      // The newest messages (the benchmark's corpus, other tests' mail, ours), and in their
      // middle a number past the end: Dovecot's -ERR for it must not shift the answers after it.
      const ids = Array.from({ length: Math.min(count, 200) }, (_, i) => count - i);
      ids.splice(ids.length >> 1, 0, count + 1);
      lines.length = 0;
      const pipelined = [];
      for await (const result of client.tops(ids, 5)) pipelined.push(result);
      // Commands went out ahead of the answers: two TOPs in a row before the first answer.
      expect(lines.slice(0, 2)).toEqual([`C: TOP ${ids[0]} 5`, `C: TOP ${ids[1]} 5`]);

      const sequential = [];
      for (const id of ids) {
        sequential.push(
          await client.top(id, 5).then(
            (top) => ({ id, ok: true as const, top }),
            (error: Pop3Error) => ({ id, ok: false as const, error }),
          ),
        );
      }
      expect(pipelined.map((r) => r.id)).toEqual(ids);
      expect(pipelined.map((r) => (r.ok ? r.top.toString("latin1") : r.error.code))).toEqual(
        sequential.map((r) => (r.ok ? r.top.toString("latin1") : r.error.code)),
      );
      const missing = pipelined.find((r) => r.id === count + 1)!;
      expect(missing).toMatchObject({
        ok: false,
        error: { code: "POP3_ERR", command: `TOP ${count + 1} 5` },
      });
      expect(pipelined.filter((r) => !r.ok)).toHaveLength(1);

      for (const [i, { bytes }] of seeded.entries()) {
        const result = pipelined.find((r) => r.id === mine[i]);
        const head = bytes.subarray(0, bytes.indexOf("\r\n\r\n") + 4).toString();
        const body = "line 1\r\n.starts with a dot\r\n.\r\n..\r\n";
        expect(result?.ok && result.top.toString()).toBe(
          `${head}${body}a long line ${"x".repeat(5000)}\r\n`,
        );
      }
      expect(await client.stat()).toEqual({ count, size: expect.any(Number) });
    } finally {
      await client.quit();
    }
  });

  it("with pipelining switched off, sends one TOP at a time and gets the same results", async () => {
    const lines: string[] = [];
    const client = await Pop3Client.connect(
      options({
        pipelining: false,
        transcript: (direction, text) => lines.push(`${direction}: ${text}`),
      }),
    );
    try {
      expect(client.pipelining).toBe(false);
      const { count } = await client.stat();
      const ids = Array.from({ length: Math.min(count, 20) }, (_, i) => count - i);
      lines.length = 0;
      const results = [];
      for await (const result of client.tops(ids, 2)) results.push(result);
      const sent = lines.filter((l) => l.startsWith("C: "));
      expect(sent).toEqual(ids.map((id) => `C: TOP ${id} 2`));
      // Each command only after the answer before it ended with its "." line.
      for (const [i, line] of lines.entries()) {
        if (line.startsWith("C: TOP") && i > 0) expect(lines[i - 1]).toBe("S: .");
      }
      for (const result of results) {
        expect(result.ok && result.top.toString("latin1")).toBe(
          (await client.top(result.id, 2)).toString("latin1"),
        );
      }
    } finally {
      await client.quit();
    }
  });
});
