import { afterAll, describe, expect, it } from "vitest";
import { SmtpClient } from "./client.ts";
import { SmtpError } from "./smtp-error.ts";
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
});
