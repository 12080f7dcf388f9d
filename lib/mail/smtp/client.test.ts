import { afterAll, describe, expect, it } from "vitest";
import { SmtpClient } from "./client.ts";
import type { SmtpClientOptions } from "./options.ts";
import { SmtpError } from "./smtp-error.ts";
import {
  type FakeSmtpScript,
  type FakeSmtpServer,
  fakeSmtpServer,
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

function options(
  server: FakeSmtpServer,
  extra: Partial<SmtpClientOptions> = {},
): SmtpClientOptions {
  return {
    host: "127.0.0.1",
    port: server.port,
    security: "none",
    clientName: "client.test",
    ...extra,
  };
}

const envelope = {
  from: "alice@example.test",
  to: ["bob@example.test"],
  cc: ["carol@example.test"],
};
const message = "Subject: hi\r\n\r\nhello\r\n.leading dot\r\n.\r\nend\r\n";

describe("SmtpClient transaction", () => {
  it("pipelines MAIL, RCPT and DATA in one write when PIPELINING is offered (RFC 2920)", async () => {
    const server = await serve({
      // Answer MAIL late: a client that waited for it would not have sent the rest yet.
      on: async (line) => {
        if (line.startsWith("MAIL")) await new Promise((r) => setTimeout(r, 100));
        return undefined;
      },
    });
    const client = await SmtpClient.connect(options(server));
    const result = await client.send(envelope, message);
    const batch = server.chunks.find((c) => c.includes("MAIL FROM"))!;
    expect(batch).toBe(
      [
        "MAIL FROM:<alice@example.test> SIZE=44",
        "RCPT TO:<bob@example.test>",
        "RCPT TO:<carol@example.test>",
        "DATA\r\n",
      ].join("\r\n"),
    );
    expect(result.transfer).toBe("DATA");
    expect(result.accepted.map((r) => r.address)).toEqual([
      "bob@example.test",
      "carol@example.test",
    ]);
    expect(result.refused).toEqual([]);
    expect(result.reply).toMatchObject({
      code: 250,
      enhanced: "2.0.0",
      text: "Ok: queued as FAKE1",
    });
    // Dot-stuffed on the wire (RFC 5321 section 4.5.2).
    expect(server.messages[0]!.toString()).toBe(
      "Subject: hi\r\n\r\nhello\r\n..leading dot\r\n..\r\nend\r\n",
    );
    await client.quit();
    expect(server.sessions[0]!.commands.at(-1)).toBe("QUIT");
  });

  it("waits for each reply when PIPELINING is not offered", async () => {
    const server = await serve({ extensions: ["8BITMIME", "SIZE 1000000"] });
    const client = await SmtpClient.connect(options(server));
    await client.send(envelope, message);
    const commands = server.chunks.filter((c) => /^(MAIL|RCPT|DATA)/.test(c));
    expect(commands).toEqual([
      // 7-bit content: no BODY=8BITMIME.
      "MAIL FROM:<alice@example.test> SIZE=44\r\n",
      "RCPT TO:<bob@example.test>\r\n",
      "RCPT TO:<carol@example.test>\r\n",
      "DATA\r\n",
    ]);
    client.close();
  });

  it("normalises bare LF and CR on the wire: PC3 arrives as one message with CRLF", async () => {
    const server = await serve();
    const client = await SmtpClient.connect(options(server));
    // shared/hostile-public/inputs.json PC3, as a body.
    await client.send(envelope, "Subject: pc3\r\n\r\na\r\n.\r\nb\n.\nc");
    const wire = server.chunks.join("");
    const data = wire.slice(wire.indexOf("Subject: pc3"));
    expect(data).toBe("Subject: pc3\r\n\r\na\r\n..\r\nb\r\n..\r\nc\r\n.\r\n");
    expect(server.messages).toHaveLength(1);
    // Nothing after our terminator was read as a command.
    expect(server.sessions[0]!.commands.filter((c) => /^[a-c.]/.test(c))).toEqual([]);
    client.close();
  });

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

  it("reports one refused recipient with its code and delivers to the rest", async () => {
    const server = await serve();
    const client = await SmtpClient.connect(options(server));
    const result = await client.send(
      {
        from: "alice@example.test",
        to: ["bob@example.test", "refuse-me@example.test"],
        bcc: ["dave@example.test"],
      },
      message,
    );
    expect(result.accepted.map((r) => r.address)).toEqual([
      "bob@example.test",
      "dave@example.test",
    ]);
    expect(result.refused).toHaveLength(1);
    const refusal = result.refused[0]!;
    expect(refusal).toBeInstanceOf(SmtpError);
    expect(refusal).toMatchObject({
      code: "SMTP_PERMANENT",
      recipient: "refuse-me@example.test",
      replyCode: 550,
      enhancedStatus: "5.1.1",
      command: "RCPT TO:<refuse-me@example.test>",
    });
    expect(server.messages).toHaveLength(1);
    client.close();
  });

  it("treats 452 for some recipients as transient refusals, and for all as a transient failure", async () => {
    const server = await serve({
      on: (line) =>
        line.includes("carol") || line.includes("dave")
          ? "452 4.5.3 Too many recipients"
          : undefined,
    });
    const client = await SmtpClient.connect(options(server));
    const partial = await client.send(envelope, message);
    expect(partial.refused[0]).toMatchObject({
      code: "SMTP_TRANSIENT",
      replyCode: 452,
      transient: true,
    });
    const error = (await client
      .send(
        { from: "alice@example.test", to: ["carol@example.test", "dave@example.test"] },
        message,
      )
      .catch((e) => e)) as SmtpError;
    expect(error.code).toBe("SMTP_ALL_RECIPIENTS_REFUSED");
    expect(error.transient).toBe(true);
    expect(error.refused?.map((r) => r.recipient)).toEqual([
      "carol@example.test",
      "dave@example.test",
    ]);
    // The pipelined DATA got 554 (no valid recipients); the client reset and can go on.
    expect(server.sessions[0]!.commands.at(-1)).toBe("RSET");
    expect((await client.send(envelope, message).catch((e) => e)).refused).toHaveLength(1);
    client.close();
  });

  it("maps 552 at the end of data to SMTP_SIZE_EXCEEDED and keeps the session", async () => {
    let first = true;
    const server = await serve({
      onMessage: () => {
        if (!first) return "250 2.0.0 Ok";
        first = false;
        return "552 5.3.4 Message size exceeds fixed limit";
      },
    });
    const client = await SmtpClient.connect(options(server));
    const error = (await client.send(envelope, message).catch((e) => e)) as SmtpError;
    expect(error).toMatchObject({
      code: "SMTP_SIZE_EXCEEDED",
      replyCode: 552,
      enhancedStatus: "5.3.4",
    });
    expect(error.transient).toBe(false);
    expect((await client.send(envelope, message)).reply.code).toBe(250);
    client.close();
  });

  it("maps 552 to MAIL FROM with SIZE= to SMTP_SIZE_EXCEEDED", async () => {
    const server = await serve({
      on: (line) =>
        line.startsWith("MAIL") ? "552 5.3.4 Message size exceeds fixed limit" : undefined,
    });
    const client = await SmtpClient.connect(options(server));
    await expect(client.send(envelope, message)).rejects.toMatchObject({
      code: "SMTP_SIZE_EXCEEDED",
      command: "MAIL FROM:<alice@example.test> SIZE=44",
    });
    client.close();
  });

  it("refuses a message over the advertised SIZE before MAIL FROM (RFC 1870)", async () => {
    const server = await serve({ extensions: ["PIPELINING", "SIZE 100"] });
    const client = await SmtpClient.connect(options(server));
    expect(client.maxMessageSize).toBe(100);
    await expect(client.send(envelope, "x".repeat(200))).rejects.toMatchObject({
      code: "SMTP_SIZE_EXCEEDED",
    });
    expect(server.sessions[0]!.commands.some((c) => c.startsWith("MAIL"))).toBe(false);
    client.close();
  });

  it("closes cleanly on 421 mid-transaction and reports it as transient", async () => {
    const server = await serve({
      on: (line, session) => {
        if (!line.startsWith("RCPT")) return undefined;
        session.write("421 4.3.2 Service shutting down");
        session.socket.end();
        return null;
      },
    });
    const client = await SmtpClient.connect(options(server));
    const error = (await client.send(envelope, message).catch((e) => e)) as SmtpError;
    expect(error).toBeInstanceOf(SmtpError);
    expect(error).toMatchObject({
      code: "SMTP_TRANSIENT",
      replyCode: 421,
      enhancedStatus: "4.3.2",
    });
    expect(error.transient).toBe(true);
    expect(client.closed).toBe(true);
    await expect(client.send(envelope, message)).rejects.toMatchObject({ code: "CLOSED" });
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

  it("refuses PC1 as an address before anything reaches the server", async () => {
    const server = await serve();
    const client = await SmtpClient.connect(options(server));
    await expect(
      client.send(
        { from: "alice@example.test", to: ["bob@letterbox.test\nCc: pc1@attacker.test"] },
        message,
      ),
    ).rejects.toMatchObject({ code: "INVALID_ADDRESS" });
    await expect(
      client.send({ from: "alice@x.test>", to: ["bob@example.test"] }, message),
    ).rejects.toMatchObject({
      code: "INVALID_ADDRESS",
    });
    expect(server.sessions[0]!.commands).toEqual(["EHLO client.test"]);
    client.close();
  });

  it("refuses 8-bit content for a server without 8BITMIME (RFC 6152)", async () => {
    const server = await serve({ extensions: ["PIPELINING"] });
    const client = await SmtpClient.connect(options(server));
    await expect(client.send(envelope, "Subject: café\r\n\r\nx\r\n")).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    expect(server.sessions[0]!.commands.some((c) => c.startsWith("MAIL"))).toBe(false);
    client.close();
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
});

describe("SmtpClient streaming", () => {
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
