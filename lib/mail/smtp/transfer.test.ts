import { afterAll, describe, expect, it } from "vitest";
import { SmtpClient } from "./client.ts";
import type { SmtpError } from "./smtp-error.ts";
import {
  testEnvelope as envelope,
  type FakeSmtpScript,
  type FakeSmtpServer,
  fakeSmtpServer,
  testMessage as message,
  clientOptions as options,
} from "./testing/fake-smtp-server.ts";

const servers: FakeSmtpServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function serve(script: FakeSmtpScript = {}) {
  const server = await fakeSmtpServer(script);
  servers.push(server);
  return server;
}

describe("SmtpClient message transfer", () => {
  it("uses BDAT when CHUNKING is offered, in counted chunks without dot-stuffing (RFC 3030)", async () => {
    const server = await serve({
      extensions: ["PIPELINING", "8BITMIME", "CHUNKING", "SIZE 10000000"],
    });
    const client = await SmtpClient.connect(options(server));
    const line = `.${"x".repeat(97)}\n`; // 100 bytes once CRLF
    const big = line.repeat(25_000); // 2.5 MB after normalisation
    const result = await client.send(envelope, big);
    expect(result.transfer).toBe("BDAT");
    const bdats = server.sessions[0]!.commands.filter((c) => c.startsWith("BDAT"));
    expect(bdats).toHaveLength(3);
    expect(bdats[2]).toMatch(/^BDAT \d+ LAST$/);
    const sizes = bdats.map((c) => Number(c.split(" ")[1]));
    expect(sizes.reduce((a, b) => a + b)).toBe(2_500_000);
    // About SMTP_LIMITS.bdatChunkBytes each: gathered from slices, never the whole message.
    for (const size of sizes.slice(0, 2)) expect(size).toBeGreaterThanOrEqual(1 << 20);
    for (const size of sizes.slice(0, 2)) expect(size).toBeLessThan((1 << 20) + 300_000);
    expect(server.messages[0]!.toString()).toBe(big.replaceAll("\n", "\r\n"));
    expect(result.bytesSent).toBe(2_500_000);
    expect(server.sessions[0]!.commands.includes("DATA")).toBe(false);
    client.close();
  });

  it("sends BDAT only after the envelope's replies (a pipelined BDAT stalls on Postfix)", async () => {
    let bdatBeforeMailReply = true;
    const server = await serve({
      extensions: ["PIPELINING", "8BITMIME", "CHUNKING"],
      on: async (line) => {
        if (!line.startsWith("MAIL")) return undefined;
        await new Promise((r) => setTimeout(r, 100));
        bdatBeforeMailReply = server.chunks.join("").includes("BDAT");
        return undefined;
      },
    });
    const client = await SmtpClient.connect(options(server));
    const result = await client.send(envelope, message);
    expect(bdatBeforeMailReply).toBe(false);
    expect(result).toMatchObject({ transfer: "BDAT", refused: [] });
    expect(server.messages[0]!.toString()).toBe(message);
    client.close();
  });

  it("stops sending BDAT chunks after a refused one, takes the owed replies and resets", async () => {
    const server = await serve({
      extensions: ["PIPELINING", "8BITMIME", "CHUNKING"],
      onChunk: (index) => (index === 1 ? "552 5.3.4 Message size exceeds fixed limit" : undefined),
    });
    const client = await SmtpClient.connect(options(server));
    const big = `${"y".repeat(998)}\r\n`.repeat(8000); // 8 MB: eight chunks
    const error = (await client.send(envelope, big).catch((e) => e)) as SmtpError;
    expect(error).toMatchObject({
      code: "SMTP_SIZE_EXCEEDED",
      replyCode: 552,
      command: expect.stringMatching(/^BDAT \d+$/),
    });
    const commands = server.sessions[0]!.commands;
    // Window of four: at most the chunks already in flight followed the refused one.
    expect(commands.filter((c) => c.startsWith("BDAT")).length).toBeLessThanOrEqual(2 + 3);
    expect(commands.some((c) => c.endsWith("LAST"))).toBe(false);
    expect(commands.at(-1)).toBe("RSET");
    expect(server.messages).toHaveLength(0);
    expect((await client.noop()).code).toBe(250);
    client.close();
  });

  it("sends no BDAT and resets when every recipient is refused", async () => {
    const server = await serve({
      extensions: ["PIPELINING", "8BITMIME", "CHUNKING"],
      on: (line) => (line.startsWith("RCPT") ? "550 5.1.1 User unknown" : undefined),
      onMessage: () => "554 5.5.1 Error: no valid recipients",
    });
    const client = await SmtpClient.connect(options(server));
    const error = (await client.send(envelope, message).catch((e) => e)) as SmtpError;
    expect(error).toMatchObject({ code: "SMTP_ALL_RECIPIENTS_REFUSED", replyCode: 550 });
    expect(error.refused).toHaveLength(2);
    expect(server.sessions[0]!.commands.some((c) => c.startsWith("BDAT"))).toBe(false);
    expect(server.sessions[0]!.commands.at(-1)).toBe("RSET");
    expect((await client.noop()).code).toBe(250);
    client.close();
  });

  it("reports a connection dropped during DATA, and never sends the terminator", async () => {
    const server = await serve({ extensions: ["8BITMIME"] });
    const client = await SmtpClient.connect(options(server));
    const sent: string[] = [];
    async function* slowBody() {
      yield Buffer.from("Subject: drop\r\n\r\n");
      sent.push("head");
      server.sessions[0]!.socket.destroy();
      await new Promise((r) => setTimeout(r, 50));
      for (let i = 0; i < 50; i++) yield Buffer.alloc(64 * 1024, 0x61);
    }
    const error = (await client.send(envelope, slowBody()).catch((e) => e)) as {
      code: string;
      transient: boolean;
    };
    expect(error.code).toBe("CLOSED");
    expect(error.transient).toBe(true);
    expect(server.messages).toHaveLength(0);
    expect(client.closed).toBe(true);
  });

  it("drops the connection without a terminator when the message stream fails halfway", async () => {
    const server = await serve();
    const client = await SmtpClient.connect(options(server));
    async function* failing() {
      yield Buffer.from("Subject: half\r\n\r\nfirst half\r\n");
      throw new Error("disk read failed");
    }
    await expect(client.send(envelope, failing())).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringContaining("disk read failed"),
    });
    expect(client.closed).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(server.messages).toHaveLength(0);
    expect(server.chunks.join("")).not.toContain("\r\n.\r\n");
  });

  it("accepts a Node-style stream of chunks and sends it as one message", async () => {
    const server = await serve();
    const client = await SmtpClient.connect(options(server));
    async function* chunks() {
      yield "Subject: streamed\r";
      yield Buffer.from("\n\r\nline one\r");
      yield Buffer.from("\n.line two\n");
    }
    const result = await client.send(envelope, chunks(), { size: 40 });
    expect(server.messages[0]!.toString()).toBe(
      "Subject: streamed\r\n\r\nline one\r\n..line two\r\n",
    );
    expect(server.sessions[0]!.commands[1]).toBe(
      "MAIL FROM:<alice@example.test> SIZE=40 BODY=8BITMIME",
    );
    expect(result.bytesSent).toBe(server.messages[0]!.length + 3);
    client.close();
  });

  it("pulls the message only as fast as the server reads it (never held whole)", async () => {
    let release: () => void = () => {};
    const server = await serve({
      extensions: ["PIPELINING", "8BITMIME", "SIZE 30000000"],
      on: (line, session) => {
        if (line !== "DATA") return undefined;
        // A slow server: stop reading for a while once data starts (then answer 354 as usual).
        session.socket.pause();
        release = () => session.socket.resume();
        return undefined;
      },
    });
    const client = await SmtpClient.connect(options(server));
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    chunk.write("\r\n", chunk.length - 2);
    let pulled = 0;
    const total = 25 * 1024 * 1024;
    async function* body() {
      while (pulled < total) {
        pulled += chunk.length;
        yield chunk;
      }
    }
    const sending = client.send(envelope, body(), { size: total });
    await new Promise((r) => setTimeout(r, 500));
    // While the server does not read, only what fits in socket buffers has been pulled.
    expect(pulled).toBeLessThan(8 * 1024 * 1024);
    release();
    const result = await sending;
    expect(pulled).toBe(total);
    expect(result.bytesSent).toBe(total + 3);
    client.close();
  });
});
