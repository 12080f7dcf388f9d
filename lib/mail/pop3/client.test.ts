import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  scriptedServer,
  selfSignedCertificate,
  type TestCertificate,
} from "../testing/scripted-server.ts";
import { Pop3Client } from "./client.ts";
import type { Pop3ClientOptions } from "./options.ts";
import { Pop3Error } from "./pop3-error.ts";
import {
  type FakePop3Script,
  type FakePop3Server,
  fakePop3Server,
} from "./testing/fake-pop3-server.ts";

let cert: TestCertificate;
const servers: { close(): Promise<void> }[] = [];
beforeAll(() => {
  cert = selfSignedCertificate();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

const m1 = Buffer.from("Subject: one\r\n\r\nfirst line\r\n.dot line\r\n.\r\nlast\r\n");
const m2 = Buffer.from("Subject: two\r\n\r\n2a\r\n2b\r\n2c\r\n");

async function serve(script: FakePop3Script = {}): Promise<FakePop3Server> {
  const server = await fakePop3Server({
    certificate: cert,
    messages: [
      { uid: "uid-1", data: m1 },
      { uid: "uid-2", data: m2 },
    ],
    ...script,
  });
  servers.push(server);
  return server;
}

function options(
  server: { port: number },
  extra: Partial<Pop3ClientOptions> = {},
): Pop3ClientOptions {
  return {
    host: "127.0.0.1",
    port: server.port,
    security: "starttls",
    tlsPolicy: { ca: cert.cert },
    auth: { user: "alice", password: "secret" },
    ...extra,
  };
}

describe("Pop3Client", () => {
  it("logs in after STLS with SASL PLAIN and asks CAPA again under TLS (RFC 2595 4)", async () => {
    const server = await serve();
    const client = await Pop3Client.connect(options(server));
    expect(client.secure).toBe(true);
    expect(client.authMethod).toBe("SASL PLAIN");
    expect(client.greeting.apopTimestamp).toBe("<1896.697170952@fake.test>");
    expect(client.capabilities).toMatchObject({
      top: true,
      uidl: true,
      stls: false,
      sasl: ["PLAIN"],
    });
    expect(server.sessions[0]!.commands.map((c) => c.split(" ")[0])).toEqual([
      "CAPA",
      "STLS",
      "CAPA",
      "AUTH",
      "CAPA",
    ]);
    await client.quit();
  });

  it("reads STAT, LIST, UIDL (all and one), TOP and RETR, dot-unstuffed", async () => {
    const server = await serve();
    const client = await Pop3Client.connect(options(server));
    expect(await client.stat()).toEqual({ count: 2, size: m1.length + m2.length });
    expect(await client.list()).toEqual([
      { id: 1, size: m1.length },
      { id: 2, size: m2.length },
    ]);
    expect(await client.list(2)).toEqual({ id: 2, size: m2.length });
    expect(await client.uidl()).toEqual([
      { id: 1, uid: "uid-1" },
      { id: 2, uid: "uid-2" },
    ]);
    expect(await client.uidl(1)).toEqual({ id: 1, uid: "uid-1" });
    expect((await client.top(2, 1)).toString()).toBe("Subject: two\r\n\r\n2a\r\n");
    expect(await client.retrieve(1)).toEqual(m1);
    const chunks: Buffer[] = [];
    expect(await client.retrieveTo(2, (c) => void chunks.push(c))).toBe(m2.length);
    expect(Buffer.concat(chunks)).toEqual(m2);
    await client.quit();
  });

  it("deletes only on QUIT: DELE then RSET keeps, DELE then close keeps, DELE then QUIT removes", async () => {
    const server = await serve();
    let client = await Pop3Client.connect(options(server));
    await client.delete(1);
    expect((await client.stat()).count).toBe(1);
    await client.reset();
    expect((await client.stat()).count).toBe(2);
    await client.delete(1);
    client.close();
    await new Promise((r) => setTimeout(r, 20));
    expect(server.messages).toHaveLength(2);
    client = await Pop3Client.connect(options(server));
    await client.delete(1);
    await client.quit();
    expect(server.messages.map((m) => m.uid)).toEqual(["uid-2"]);
  });

  it("keeps -ERR [IN-USE] as a transient POP3_IN_USE error", async () => {
    const server = await serve({
      on: (line) =>
        line.startsWith("AUTH")
          ? "-ERR [IN-USE] Mailbox is locked by another POP3 session"
          : undefined,
    });
    const error = (await Pop3Client.connect(options(server)).catch((e) => e)) as Pop3Error;
    expect(error).toBeInstanceOf(Pop3Error);
    expect(error).toMatchObject({
      code: "POP3_IN_USE",
      responseCode: "IN-USE",
      text: "Mailbox is locked by another POP3 session",
      transient: true,
    });
  });

  it("keeps [LOGIN-DELAY] and [SYS/TEMP] as transient and [AUTH] as AUTH_FAILED", async () => {
    for (const [answer, code, transient] of [
      ["-ERR [LOGIN-DELAY] wait 15 minutes", "POP3_LOGIN_DELAY", true],
      ["-ERR [SYS/TEMP] storage offline", "POP3_TEMPORARY", true],
      ["-ERR [SYS/PERM] account disabled", "POP3_ERR", false],
      ["-ERR [AUTH] Authentication failed.", "AUTH_FAILED", false],
      ["-ERR no", "AUTH_FAILED", false],
    ] as const) {
      const server = await serve({ on: (line) => (line.startsWith("AUTH") ? answer : undefined) });
      const error = (await Pop3Client.connect(options(server)).catch((e) => e)) as Pop3Error;
      expect(error, answer).toMatchObject({ code, transient });
    }
  });

  it("gives AUTH_FAILED for a wrong password, and never shows it", async () => {
    const server = await serve();
    const lines: string[] = [];
    const error = await Pop3Client.connect(
      options(server, {
        auth: { user: "alice", password: "wrong" },
        transcript: (d, t) => lines.push(`${d}: ${t}`),
      }),
    ).catch((e) => e);
    expect(error).toMatchObject({ code: "AUTH_FAILED", responseCode: "AUTH" });
    expect(lines).toContain("C: AUTH PLAIN [redacted]");
    expect(lines.join("\n")).not.toContain(Buffer.from("\0alice\0wrong").toString("base64"));
  });

  it("logs in with USER/PASS, a hostile-but-legal password intact (PL1)", async () => {
    const password = 'p"w\\{2}';
    const server = await serve({ password, capabilities: ["TOP", "UIDL", "USER"] });
    const lines: string[] = [];
    const client = await Pop3Client.connect(
      options(server, {
        auth: { user: "alice", password },
        transcript: (d, t) => lines.push(`${d}: ${t}`),
      }),
    );
    expect(client.authMethod).toBe("USER");
    expect(lines).toContain("C: PASS [redacted]");
    expect(lines.join("\n")).not.toContain(password);
    client.close();
  });

  it("logs in with APOP when asked to", async () => {
    const server = await serve();
    const client = await Pop3Client.connect(options(server, { authMethod: "apop" }));
    expect(client.authMethod).toBe("APOP");
    expect(server.sessions[0]!.commands.find((c) => c.startsWith("APOP"))).toMatch(
      /^APOP alice [0-9a-f]{32}$/,
    );
    client.close();
  });

  it("refuses a password with a line break before it reaches the wire", async () => {
    const server = await serve({ capabilities: ["USER"] });
    await expect(
      Pop3Client.connect(options(server, { auth: { user: "alice", password: "x\r\nDELE 1" } })),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(server.sessions[0]!.commands.some((c) => c.startsWith("DELE"))).toBe(false);
  });

  it("never sends credentials without TLS unless allowed, and STLS is required for starttls", async () => {
    const server = await serve({ certificate: undefined });
    await expect(Pop3Client.connect(options(server))).rejects.toMatchObject({
      code: "STARTTLS_FAILED",
    });
    await expect(Pop3Client.connect(options(server, { security: "none" }))).rejects.toMatchObject({
      code: "PLAINTEXT_REFUSED",
    });
    expect(
      server.sessions.flatMap((s) => s.commands).some((c) => /^(USER|PASS|AUTH|APOP)/.test(c)),
    ).toBe(false);
    const client = await Pop3Client.connect(
      options(server, { security: "none", allowPlaintextAuth: true }),
    );
    expect(client.secure).toBe(false);
    client.close();
  });

  it("reports an STLS the server then refuses", async () => {
    const server = await serve({
      on: (line) => (line === "STLS" ? "-ERR [SYS/PERM] TLS unavailable" : undefined),
    });
    await expect(Pop3Client.connect(options(server))).rejects.toMatchObject({
      code: "STARTTLS_FAILED",
    });
  });

  it("falls back for a server without CAPA: tries STLS and USER/PASS", async () => {
    const server = await serve({ capabilities: null });
    const client = await Pop3Client.connect(options(server));
    expect(client.capabilities.known).toBe(false);
    expect(client.authMethod).toBe("USER");
    client.close();
  });

  it("bounds a multi-line answer that never ends (hostile server)", async () => {
    const server = await scriptedServer((socket) => {
      socket.write("+OK ready\r\n");
      socket.on("data", (chunk) => {
        const line = chunk.toString();
        if (line.startsWith("CAPA")) socket.write("+OK\r\nUSER\r\n.\r\n");
        else if (line.startsWith("RETR")) {
          socket.write("+OK\r\n");
          const line = `${"x".repeat(1000)}\r\n`.repeat(100);
          const flood = () => {
            while (!socket.destroyed && socket.write(line)) {}
            if (!socket.destroyed) socket.once("drain", flood);
          };
          flood();
        } else socket.write("+OK\r\n");
      });
    });
    servers.push(server);
    const client = await Pop3Client.connect(
      options(server, { security: "none", allowPlaintextAuth: true, maxMessageBytes: 2_000_000 }),
    );
    await expect(client.retrieve(1)).rejects.toMatchObject({ code: "LIMIT_EXCEEDED" });
    expect(client.closed).toBe(true);
  });

  it("refuses a response that is not POP3", async () => {
    const server = await scriptedServer((socket) => socket.write("* OK IMAP4rev1 ready\r\n"));
    servers.push(server);
    await expect(Pop3Client.connect(options(server))).rejects.toMatchObject({ code: "PROTOCOL" });
  });

  it("keeps -ERR for a missing message as POP3_ERR and the session usable", async () => {
    const server = await serve();
    const client = await Pop3Client.connect(options(server));
    const error = (await client.retrieve(9).catch((e) => e)) as Pop3Error;
    expect(error).toMatchObject({
      code: "POP3_ERR",
      command: "RETR 9",
      text: "There's no message.",
    });
    await expect(client.top(1, -1)).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(client.delete(0)).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect((await client.stat()).count).toBe(2);
    await client.quit();
  });
});
