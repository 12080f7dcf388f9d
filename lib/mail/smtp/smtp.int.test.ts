/**
 * The SMTP client against the local stack's real Postfix (submission: STARTTLS + AUTH) with
 * delivery checked in the real Dovecot over IMAP and POP3. Every test makes its own
 * Message-IDs and never assumes an empty mailbox: others use the same stack at the same time.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailstack, stackUser } from "@/lib/dev/mailstack";
import { start } from "@/scripts/mailstack/stack.mjs";
import { hostileInputs } from "../../dev/shared-data.ts";
import { Pop3Client } from "../pop3/client.ts";
import { findByMessageId } from "../pop3/testing/find-message.ts";
import { SmtpClient } from "./client.ts";
import type { SmtpClientOptions } from "./options.ts";
import { openSession } from "./session.ts";
import { SmtpError } from "./smtp-error.ts";
import { ImapPeek } from "./testing/imap-peek.ts";
import { bodyOf, headerOf, testMessage } from "./testing/test-message.ts";

const alice = stackUser("alice");
const bob = stackUser("bob");
const carol = stackUser("carol");
const dave = stackUser("dave");
let ca: Buffer;
const hostile = hostileInputs();
const pc = (id: string) => hostile.compose_inputs.find((i) => i.id === id)!.value;

const opened: { close(): void }[] = [];
afterAll(() => {
  for (const client of opened) client.close();
});

beforeAll(async () => {
  await start();
  ca = fs.readFileSync(mailstack.certFile);
}, 120_000);

function submission(extra: Partial<SmtpClientOptions> = {}): SmtpClientOptions {
  return {
    host: mailstack.host,
    port: mailstack.ports.submission,
    security: "starttls",
    tlsPolicy: { ca },
    auth: { user: alice.login, password: alice.password },
    ...extra,
  };
}

async function connect(extra: Partial<SmtpClientOptions> = {}): Promise<SmtpClient> {
  const client = await SmtpClient.connect(submission(extra));
  opened.push(client);
  return client;
}

async function imapCopy(
  user: { login: string; password: string },
  messageId: string,
): Promise<Buffer> {
  const imap = await ImapPeek.login(
    mailstack.host,
    mailstack.ports.imaps,
    { ca },
    user.login,
    user.password,
  );
  try {
    return await imap.fetchRaw(await imap.waitFor("INBOX", messageId));
  } finally {
    await imap.logout();
  }
}

async function imapCount(
  user: { login: string; password: string },
  messageId: string,
): Promise<number> {
  const imap = await ImapPeek.login(
    mailstack.host,
    mailstack.ports.imaps,
    { ca },
    user.login,
    user.password,
  );
  try {
    return (await imap.search("INBOX", messageId)).length;
  } finally {
    await imap.logout();
  }
}

async function pop3Copy(
  user: { login: string; password: string },
  messageId: string,
): Promise<Buffer> {
  const { pop3, id } = await waitForPop3(user, messageId);
  try {
    return await pop3.retrieve(id);
  } finally {
    await pop3.quit();
  }
}

// A body with the lines dot-stuffing exists for: a leading ".", a line that is only ".",
// a line of "..", and 8-bit text.
const DOTTY_BODY =
  "first line\r\n.leading dot\r\n.\r\n..\r\n...three\r\nnaïve café ✓\r\nlast line\r\n";

describe("SMTP against Postfix submission", () => {
  for (const transfer of ["BDAT", "DATA"] as const) {
    it(`delivers alice → bob by ${transfer}; the IMAP and POP3 copies have the same body, dots intact`, async () => {
      const client = await connect(transfer === "DATA" ? { ignoreExtensions: ["CHUNKING"] } : {});
      expect(client.secure).toBe(true);
      expect(client.authMechanism).toBe("PLAIN");
      expect(client.maxMessageSize).toBe(mailstack.messageSizeLimit);
      const message = testMessage({
        from: alice.login,
        to: [bob.login],
        subject: `dots by ${transfer}`,
        body: DOTTY_BODY,
      });
      const result = await client.send({ from: alice.login, to: [bob.login] }, message.bytes);
      expect(result.transfer).toBe(transfer);
      expect(result.accepted.map((a) => a.address)).toEqual([bob.login]);
      expect(result.reply).toMatchObject({ code: 250, enhanced: "2.0.0" });
      await client.quit();
      const viaImap = await imapCopy(bob, message.messageId);
      const viaPop3 = await pop3Copy(bob, message.messageId);
      expect(bodyOf(viaImap)).toEqual(message.body);
      expect(bodyOf(viaPop3)).toEqual(bodyOf(viaImap));
      expect(viaPop3).toEqual(viaImap);
    });
  }

  it("delivers to a Bcc recipient given only in the envelope; no copy shows a Bcc", async () => {
    const client = await connect();
    const message = testMessage({
      from: alice.login,
      to: [bob.login],
      subject: "bcc test",
      body: "for bob, and quietly carol\r\n",
    });
    const result = await client.send(
      { from: alice.login, to: [bob.login], bcc: [carol.login] },
      message.bytes,
    );
    expect(result.accepted.map((a) => a.address)).toEqual([bob.login, carol.login]);
    await client.quit();
    const bobCopy = await imapCopy(bob, message.messageId);
    const carolCopy = await imapCopy(carol, message.messageId);
    for (const copy of [bobCopy, carolCopy]) {
      expect(headerOf(copy)).not.toMatch(/^Bcc:/im);
      expect(bodyOf(copy)).toEqual(message.body);
    }
    // Nothing in bob's copy reveals carol.
    expect(bobCopy.toString("utf8")).not.toContain(carol.login);
  });

  it("delivers to the two accepted recipients and reports the refused one with 550 5.1.1", async () => {
    const client = await connect();
    const nobody = `nobody-${crypto.randomUUID().slice(0, 8)}@${mailstack.domain}`;
    const message = testMessage({
      from: alice.login,
      to: [bob.login, nobody],
      cc: [carol.login],
      subject: "partial",
      body: "two of three\r\n",
    });
    const result = await client.send(
      { from: alice.login, to: [bob.login, nobody], cc: [carol.login] },
      message.bytes,
    );
    expect(result.accepted.map((a) => a.address)).toEqual([bob.login, carol.login]);
    expect(result.refused).toHaveLength(1);
    expect(result.refused[0]).toBeInstanceOf(SmtpError);
    expect(result.refused[0]).toMatchObject({
      code: "SMTP_PERMANENT",
      recipient: nobody,
      replyCode: 550,
      enhancedStatus: "5.1.1",
      command: `RCPT TO:<${nobody}>`,
    });
    await client.quit();
    expect(bodyOf(await imapCopy(bob, message.messageId))).toEqual(message.body);
    expect(bodyOf(await imapCopy(carol, message.messageId))).toEqual(message.body);
  });

  it("refuses a message over Postfix's SIZE before any data is sent", async () => {
    const lines: string[] = [];
    const client = await connect({ transcript: (d, t) => lines.push(`${d}: ${t}`) });
    const limit = client.maxMessageSize!;
    const message = testMessage({
      from: alice.login,
      to: [bob.login],
      subject: "too big",
      body: Buffer.alloc(limit, "x"),
    });
    await expect(
      client.send({ from: alice.login, to: [bob.login] }, message.bytes),
    ).rejects.toMatchObject({
      code: "SMTP_SIZE_EXCEEDED",
    });
    expect(lines.some((l) => /^C: (MAIL|BDAT|DATA)/.test(l))).toBe(false);
    // The session is still good.
    expect((await client.noop()).code).toBe(250);
    await client.quit();
  });

  it("gets Postfix's own 552 5.3.4 for a MAIL FROM that declares too large a SIZE", async () => {
    const session = await openSession(submission());
    try {
      const line = `MAIL FROM:<${alice.login}> SIZE=${mailstack.messageSizeLimit + 1}`;
      const error = (await session.connection
        .command(line, "mail", [250])
        .catch((e) => e)) as SmtpError;
      expect(error).toBeInstanceOf(SmtpError);
      expect(error).toMatchObject({
        code: "SMTP_SIZE_EXCEEDED",
        replyCode: 552,
        enhancedStatus: "5.3.4",
      });
    } finally {
      session.connection.destroy();
    }
  });

  it("reports a wrong password as AUTH_FAILED with Postfix's 535 5.7.8", async () => {
    const error = (await SmtpClient.connect(
      submission({ auth: { user: alice.login, password: "wrong" } }),
    ).catch((e) => e)) as SmtpError;
    expect(error).toBeInstanceOf(SmtpError);
    expect(error).toMatchObject({
      code: "AUTH_FAILED",
      replyCode: 535,
      enhancedStatus: "5.7.8",
      command: "AUTH PLAIN",
    });
  });

  it("refuses to authenticate on the plaintext port without TLS", async () => {
    await expect(SmtpClient.connect(submission({ security: "none" }))).rejects.toMatchObject({
      code: "PLAINTEXT_REFUSED",
    });
  });

  for (const transfer of ["DATA", "BDAT"] as const) {
    it(`PC3 by ${transfer}: a\\r\\n.\\r\\nb\\n.\\nc arrives as exactly one message, body intact with CRLF`, async () => {
      const client = await connect(transfer === "DATA" ? { ignoreExtensions: ["CHUNKING"] } : {});
      const message = testMessage({
        from: alice.login,
        to: [bob.login],
        subject: `PC3 ${transfer}`,
        body: pc("PC3"),
      });
      const result = await client.send({ from: alice.login, to: [bob.login] }, message.bytes);
      expect(result.transfer).toBe(transfer);
      await client.quit();
      const copy = await imapCopy(bob, message.messageId);
      expect(bodyOf(copy).toString("latin1")).toBe("a\r\n.\r\nb\r\n.\r\nc\r\n");
      expect(await imapCount(bob, message.messageId)).toBe(1);
    });
  }

  it("PC1: a To value with a newline and a Cc header is refused as an address, never reaching RCPT", async () => {
    const lines: string[] = [];
    const client = await connect({ transcript: (d, t) => lines.push(`${d}: ${t}`) });
    const to = pc("PC1");
    const message = testMessage({
      from: alice.login,
      to: ["bob@letterbox.test"],
      subject: "PC1",
      body: "x\r\n",
    });
    await expect(client.send({ from: alice.login, to: [to] }, message.bytes)).rejects.toMatchObject(
      {
        code: "INVALID_ADDRESS",
      },
    );
    expect(lines.some((l) => /^C: (MAIL|RCPT)/.test(l))).toBe(false);
    await client.quit();
  });

  it("streams a 25 MB message from an AsyncIterable and it arrives byte for byte", async () => {
    const client = await connect();
    const head = testMessage({
      from: alice.login,
      to: [dave.login],
      subject: "25 MB stream",
      body: "",
    });
    const line = Buffer.from(`${"0123456789abcdef".repeat(4)}\r\n`); // 66 bytes
    const chunk = Buffer.concat(Array.from({ length: 1000 }, () => line));
    const chunks = Math.ceil((25 * 1024 * 1024) / chunk.length);
    async function* message() {
      yield head.bytes;
      for (let i = 0; i < chunks; i++) yield chunk;
    }
    const size = head.bytes.length + chunks * chunk.length;
    const result = await client.send({ from: alice.login, to: [dave.login] }, message(), { size });
    expect(result.bytesSent).toBe(size);
    await client.quit();
    const sent = crypto.createHash("sha256");
    for (let i = 0; i < chunks; i++) sent.update(chunk);
    // Read it back over POP3 (dave: the user only these tests delete from), streamed into a
    // hash, then delete it: it is big.
    const { pop3, id } = await waitForPop3(dave, head.messageId);
    try {
      const received = crypto.createHash("sha256");
      let header: Buffer | null = Buffer.alloc(0);
      const total = await pop3.retrieveTo(id, (data) => {
        if (header === null) return void received.update(data);
        header = Buffer.concat([header, data]);
        const at = header.indexOf("\r\n\r\n");
        if (at < 0) return;
        received.update(header.subarray(at + 4));
        header = null;
      });
      expect(total).toBeGreaterThan(size);
      expect(received.digest("hex")).toBe(sent.digest("hex"));
      await pop3.delete(id);
    } finally {
      await pop3.quit();
    }
  }, 120_000);
});

/** A POP3 session in which the message has arrived (delivery is asynchronous). */
async function waitForPop3(
  user: { login: string; password: string },
  messageId: string,
): Promise<{ pop3: Pop3Client; id: number }> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const pop3 = await Pop3Client.connect({
      host: mailstack.host,
      port: mailstack.ports.pop3s,
      security: "tls",
      tlsPolicy: { ca },
      auth: { user: user.login, password: user.password },
    });
    const id = await findByMessageId(pop3, messageId);
    if (id !== undefined) return { pop3, id };
    await pop3.quit();
    if (Date.now() > deadline) throw new Error(`${messageId} did not arrive over POP3`);
    await new Promise((r) => setTimeout(r, 300));
  }
}
