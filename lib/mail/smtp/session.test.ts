import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  scriptedServer,
  selfSignedCertificate,
  type TestCertificate,
} from "../testing/scripted-server.ts";
import { SmtpClient } from "./client.ts";
import type { SmtpClientOptions } from "./options.ts";
import { SmtpError } from "./smtp-error.ts";
import {
  type FakeSmtpScript,
  type FakeSmtpServer,
  fakeSmtpServer,
} from "./testing/fake-smtp-server.ts";
import { verifySmtpAccount } from "./verify.ts";

let cert: TestCertificate;
const servers: { close(): Promise<void> }[] = [];
beforeAll(() => {
  cert = selfSignedCertificate();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function serve(script: FakeSmtpScript = {}) {
  const server = await fakeSmtpServer({ certificate: cert, ...script });
  servers.push(server);
  return server;
}

function options(
  server: { port: number },
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

const TLS_EXTENSIONS = ["PIPELINING", "SIZE 2000", "STARTTLS", "AUTH PLAIN LOGIN", "8BITMIME"];

describe("SmtpClient session", () => {
  it("upgrades with STARTTLS, forgets the plaintext EHLO, and authenticates under TLS", async () => {
    const server: FakeSmtpServer = await serve({
      on: (line, session) => {
        // Before TLS, offer no AUTH: the client must ask again after the upgrade.
        if (line.startsWith("EHLO") && !("encrypted" in session.socket)) {
          return "250-fake.test\r\n250-SIZE 10\r\n250 STARTTLS";
        }
        return undefined;
      },
      extensions: TLS_EXTENSIONS,
    });
    const client = await SmtpClient.connect(
      options(server, {
        security: "starttls",
        tlsPolicy: { ca: cert.cert },
        auth: { user: "alice", password: "secret" },
      }),
    );
    expect(client.secure).toBe(true);
    expect(client.authMechanism).toBe("PLAIN");
    expect(client.maxMessageSize).toBe(2000);
    expect(server.sessions[0]!.commands.map((c) => c.split(" ")[0])).toEqual([
      "EHLO",
      "STARTTLS",
      "EHLO",
      "AUTH",
    ]);
    await client.quit();
  });

  it("refuses to go on in plaintext when STARTTLS is required but not offered", async () => {
    const server = await serve({ extensions: ["PIPELINING", "AUTH PLAIN"] });
    const error = await SmtpClient.connect(
      options(server, { security: "starttls", auth: { user: "alice", password: "secret" } }),
    ).catch((e) => e);
    expect(error).toMatchObject({ code: "STARTTLS_FAILED" });
    expect(server.sessions[0]!.commands).toEqual(["EHLO client.test"]);
  });

  it("reports a server that advertises STARTTLS and then fails it", async () => {
    const server = await serve({
      extensions: TLS_EXTENSIONS,
      on: (line) =>
        line === "STARTTLS" ? "454 4.7.0 TLS not available due to local problem" : undefined,
    });
    const error = (await SmtpClient.connect(
      options(server, { security: "starttls", auth: { user: "alice", password: "secret" } }),
    ).catch((e) => e)) as SmtpError;
    expect(error).toBeInstanceOf(SmtpError);
    expect(error).toMatchObject({
      code: "STARTTLS_FAILED",
      replyCode: 454,
      enhancedStatus: "4.7.0",
    });
    expect(server.sessions[0]!.commands.some((c) => c.startsWith("AUTH"))).toBe(false);
  });

  it("reports a STARTTLS whose handshake fails, without sending credentials", async () => {
    const server = await serve({
      extensions: TLS_EXTENSIONS,
      on: (line, session) => {
        if (line !== "STARTTLS") return undefined;
        session.write("220 go ahead");
        session.socket.once("data", () => session.socket.end("not TLS at all\r\n"));
        return null;
      },
    });
    const error = await SmtpClient.connect(
      options(server, {
        security: "starttls",
        tlsPolicy: { ca: cert.cert },
        auth: { user: "alice", password: "secret" },
      }),
    ).catch((e) => e);
    expect(["TLS_FAILURE", "CLOSED"]).toContain(error.code);
    expect(server.chunks.join("")).not.toContain("AUTH");
  });

  it("never sends a password without TLS unless the account allows it", async () => {
    const server = await serve({ extensions: ["AUTH PLAIN"] });
    await expect(
      SmtpClient.connect(options(server, { auth: { user: "alice", password: "secret" } })),
    ).rejects.toMatchObject({ code: "PLAINTEXT_REFUSED" });
    expect(server.chunks.join("")).not.toContain("AUTH");
    const lines: string[] = [];
    const client = await SmtpClient.connect(
      options(server, {
        auth: { user: "alice", password: "secret" },
        allowPlaintextAuth: true,
        transcript: (direction, text) => lines.push(`${direction}: ${text}`),
      }),
    );
    expect(client.authMechanism).toBe("PLAIN");
    expect(lines).toContain("C: AUTH PLAIN [redacted]");
    expect(lines.join("\n")).not.toContain(Buffer.from("\0alice\0secret").toString("base64"));
    client.close();
  });

  it("gives AUTH_FAILED with the server's 535 for a wrong password", async () => {
    const server = await serve({ extensions: ["AUTH PLAIN LOGIN"] });
    const error = (await SmtpClient.connect(
      options(server, { auth: { user: "alice", password: "wrong" }, allowPlaintextAuth: true }),
    ).catch((e) => e)) as SmtpError;
    expect(error).toBeInstanceOf(SmtpError);
    expect(error).toMatchObject({
      code: "AUTH_FAILED",
      replyCode: 535,
      enhancedStatus: "5.7.8",
      command: "AUTH PLAIN",
    });
  });

  it("falls back to AUTH LOGIN and redacts both answers", async () => {
    const server = await serve({ extensions: ["AUTH LOGIN"] });
    const lines: string[] = [];
    const client = await SmtpClient.connect(
      options(server, {
        auth: { user: "alice", password: "secret" },
        allowPlaintextAuth: true,
        transcript: (direction, text) => lines.push(`${direction}: ${text}`),
      }),
    );
    expect(client.authMechanism).toBe("LOGIN");
    expect(lines.filter((l) => l === "C: [redacted]")).toHaveLength(2);
    expect(lines.join("\n")).not.toMatch(/c2VjcmV0|YWxpY2U/);
    client.close();
  });

  it("says AUTH_UNAVAILABLE when no mechanism fits", async () => {
    const server = await serve({ extensions: ["AUTH CRAM-MD5"] });
    await expect(
      SmtpClient.connect(
        options(server, { auth: { user: "alice", password: "secret" }, allowPlaintextAuth: true }),
      ),
    ).rejects.toMatchObject({ code: "AUTH_UNAVAILABLE" });
  });

  it("falls back to HELO when EHLO is not known", async () => {
    const server = await serve({
      on: (line) => (line.startsWith("EHLO") ? "502 5.5.2 command not recognized" : undefined),
    });
    const client = await SmtpClient.connect(options(server));
    expect(client.capabilities).toMatchObject({
      greetingCommand: "HELO",
      pipelining: false,
      chunking: false,
    });
    const result = await client.send(
      { from: "a@example.test", to: ["b@example.test"] },
      "Subject: x\r\n\r\ny\r\n",
    );
    expect(result.transfer).toBe("DATA");
    client.close();
  });

  it("reads multi-line replies split across chunks at every byte", async () => {
    const ehlo = "250-fake.test greets you\r\n250-PIPELINING\r\n250-SIZE 4242\r\n250 8BITMIME\r\n";
    const server = await scriptedServer((socket) => {
      const greeting = "220-fake.test ESMTP\r\n220-second line\r\n220 third line\r\n";
      const dribble = async (text: string) => {
        for (const ch of text) {
          socket.write(ch);
          await new Promise((r) => setImmediate(r));
        }
      };
      void dribble(greeting);
      socket.on("data", (chunk) => {
        const line = chunk.toString();
        if (line.startsWith("EHLO")) void dribble(ehlo);
        if (line.startsWith("QUIT")) socket.end("221 bye\r\n");
      });
    });
    servers.push(server);
    const client = await SmtpClient.connect(options(server));
    expect(client.greeting).toMatchObject({
      code: 220,
      lines: ["fake.test ESMTP", "second line", "third line"],
    });
    expect(client.capabilities).toMatchObject({
      serverName: "fake.test",
      size: 4242,
      pipelining: true,
      eightBitMime: true,
    });
    await client.quit();
  });

  it("refuses a reply whose lines change code, and closes", async () => {
    const server = await serve({
      on: (line) => (line.startsWith("EHLO") ? "250-fake.test\r\n550 oops" : undefined),
    });
    await expect(SmtpClient.connect(options(server))).rejects.toMatchObject({ code: "PROTOCOL" });
  });

  it("limits the lines of one reply", async () => {
    const endless = Array.from({ length: 500 }, (_, i) => `250-X-EXT${i}`).join("\r\n");
    const server = await serve({
      on: (line) => (line.startsWith("EHLO") ? `${endless}\r\n250 end` : undefined),
    });
    await expect(SmtpClient.connect(options(server))).rejects.toMatchObject({
      code: "LIMIT_EXCEEDED",
    });
  });

  it("reports a 421 greeting as transient and a 554 greeting as permanent", async () => {
    const busy = await serve({ greeting: "421 4.3.2 too busy, try later" });
    await expect(SmtpClient.connect(options(busy))).rejects.toMatchObject({
      code: "SMTP_TRANSIENT",
      replyCode: 421,
    });
    const refused = await serve({ greeting: "554 5.7.1 no service for you" });
    await expect(SmtpClient.connect(options(refused))).rejects.toMatchObject({
      code: "SMTP_PERMANENT",
      replyCode: 554,
    });
  });

  it("verifies an account: connect, TLS, EHLO, AUTH, QUIT", async () => {
    const server = await serve({ extensions: TLS_EXTENSIONS });
    const result = await verifySmtpAccount(
      options(server, {
        security: "starttls",
        tlsPolicy: { ca: cert.cert },
        auth: { user: "alice", password: "secret" },
      }),
    );
    expect(result).toMatchObject({ secure: true, authMechanism: "PLAIN", maxMessageSize: 2000 });
    expect(server.sessions[0]!.commands.map((c) => c.split(" ")[0])).toEqual([
      "EHLO",
      "STARTTLS",
      "EHLO",
      "AUTH",
      "QUIT",
    ]);
  });

  it("writes an RFC-style transcript: commands, replies, message summarised", async () => {
    const server = await serve();
    const lines: string[] = [];
    const client = await SmtpClient.connect(
      options(server, { transcript: (direction, text) => lines.push(`${direction}: ${text}`) }),
    );
    await client.send(
      { from: "a@example.test", to: ["b@example.test"] },
      "Subject: secret plans\r\n\r\nbody\r\n",
    );
    await client.quit();
    expect(lines).toEqual([
      "S: 220 fake.test ESMTP ready",
      "C: EHLO client.test",
      "S: 250-fake.test",
      "S: 250-PIPELINING",
      "S: 250-SIZE 1000000",
      "S: 250-8BITMIME",
      "S: 250 ENHANCEDSTATUSCODES",
      "C: MAIL FROM:<a@example.test> SIZE=31\r\nRCPT TO:<b@example.test>\r\nDATA",
      "S: 250 2.1.0 Ok",
      "S: 250 2.1.5 Ok",
      "S: 354 End data with <CR><LF>.<CR><LF>",
      "C: [31 octets of message data]",
      "C: .",
      "S: 250 2.0.0 Ok: queued as FAKE1",
      "C: QUIT",
      "S: 221 2.0.0 Bye",
    ]);
  });
});
