/**
 * What the builder writes, sent through the real stack: our SMTP client → Postfix submission →
 * LMTP → Dovecot (which keeps CRLF, so the stored file is byte-exact). The delivered message
 * must end with exactly the bytes we built: no relay had to rewrite a line, re-encode a part or
 * split the message (PC3's dot lines), every envelope recipient got it, nobody sees Bcc, and
 * PC1's injected Cc never becomes a recipient.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailstack, stackUser } from "@/lib/dev/mailstack";
import { start, userMaildir } from "@/scripts/mailstack/stack.mjs";
import { hostileInputs } from "../../../dev/shared-data.ts";
import { SmtpClient } from "../../smtp/index.ts";
import { buildMessage, collectMessage } from "./build-message.ts";
import { parseComposeAddresses } from "./compose-addresses.ts";
import type { MessageSpec } from "./types.ts";

const alice = stackUser("alice");
const bob = stackUser("bob");
const carol = stackUser("carol");
const compose = Object.fromEntries(hostileInputs().compose_inputs.map((i) => [i.id, i.value]));
let client: SmtpClient;

beforeAll(async () => {
  await start();
  client = await SmtpClient.connect({
    host: mailstack.host,
    port: mailstack.ports.submission,
    security: "starttls",
    tlsPolicy: { ca: fs.readFileSync(mailstack.certFile), servername: "mx.example.test" },
    auth: { user: alice.login, password: alice.password },
    clientName: "client.example.test",
  });
}, 180_000);

afterAll(async () => {
  await client?.quit();
});

/** The delivered file holding this Message-ID, waiting for LMTP. */
async function delivered(login: string, messageId: string): Promise<Buffer> {
  const root = userMaildir(login);
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    for (const dir of ["new", "cur"]) {
      const folder = path.join(root, dir);
      if (!fs.existsSync(folder)) continue;
      for (const name of fs.readdirSync(folder)) {
        const bytes = fs.readFileSync(path.join(folder, name));
        if (bytes.includes(`Message-ID: ${messageId}`)) return bytes;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${messageId} did not arrive for ${login}`);
}

async function send(spec: MessageSpec) {
  const caps = client.capabilities;
  const message = buildMessage(spec, {
    transport: { eightBitMime: caps.eightBitMime, smtpUtf8: caps.smtpUtf8 },
  });
  const result = await client.send(message.envelope, message.stream, {
    size: message.size,
    eightBit: message.needs8BitMime,
    smtpUtf8: message.needsSmtpUtf8,
  });
  return { message, result, bytes: Buffer.from(await collectMessage(message)) };
}

function headerFields(bytes: Buffer): string[] {
  const text = bytes.toString("latin1");
  return text.slice(0, text.indexOf("\r\n\r\n")).split(/\r\n(?![ \t])/);
}

describe("builder → Postfix → Dovecot", () => {
  it("delivers a full message byte for byte to To and Bcc, with no Bcc header", async () => {
    const image = crypto.randomBytes(3000);
    const file = crypto.randomBytes(200_000);
    const { message, result, bytes } = await send({
      from: { name: alice.name, address: alice.login },
      to: [{ name: "Bob, the Builder", address: bob.login }],
      bcc: [carol.login],
      subject: "Grüße — 会议纪要 📎 =?utf-8?q?not-a-word?=",
      text: "Hello Bob,\n.\nFrom the start\r\nGrüße\rend",
      html: '<p>Hello <img src="cid:logo@letterbox.test"></p>',
      inlineImages: [
        { contentId: "logo@letterbox.test", contentType: "image/png", content: image },
      ],
      attachments: [
        {
          filename: 'Überweisung; "final" 2026.pdf',
          contentType: "application/pdf",
          content: file,
        },
        { message: Buffer.from("From: x@example.test\r\nSubject: old\r\n\r\nold body\r\n") },
      ],
    });
    expect(result.accepted.map((r) => r.address).sort()).toEqual([bob.login, carol.login].sort());
    for (const login of [bob.login, carol.login]) {
      const stored = await delivered(login, message.messageId);
      expect(stored.subarray(stored.length - bytes.length).equals(bytes), login).toBe(true);
      expect(
        headerFields(stored).some((f) => /^bcc:/i.test(f)),
        login,
      ).toBe(false);
      expect(stored.includes(carol.login) && login === bob.login, login).toBe(false);
    }
  });

  it("PC1: the pasted To gives one valid address, one RCPT, and no Cc", async () => {
    const chips = parseComposeAddresses(compose.PC1!);
    expect(chips.map((chip) => [chip.address, chip.valid])).toEqual([
      ["bob@letterbox.test", true],
      ["Cc: pc1@attacker.test", false],
    ]);
    // The stack delivers for its own domain only: the valid chip's mailbox, moved there.
    const to = chips
      .filter((chip) => chip.valid)
      .map((chip) => chip.address.replace("@letterbox.test", `@${mailstack.domain}`));
    const { message, result } = await send({ from: alice.login, to, subject: "PC1", text: "x" });
    expect(result.accepted).toHaveLength(1);
    const stored = await delivered(bob.login, message.messageId);
    expect(headerFields(stored).some((f) => /^cc:/i.test(f))).toBe(false);
    expect(stored.includes("pc1@attacker.test")).toBe(false);
  });

  it("PC3: one message, body intact with CRLF", async () => {
    const { message, bytes } = await send({
      from: alice.login,
      to: [bob.login],
      text: compose.PC3!,
    });
    const stored = await delivered(bob.login, message.messageId);
    expect(stored.subarray(stored.length - bytes.length).equals(bytes)).toBe(true);
    const body = stored.toString("latin1").split("\r\n\r\n").slice(1).join("\r\n\r\n");
    expect(body).toBe("a\r\n.\r\nb\r\n.\r\nc\r\n");
  });
});
