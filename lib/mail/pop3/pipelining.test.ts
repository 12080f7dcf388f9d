/**
 * RFC 2449 section 6.6 PIPELINING against the scripted server, whose answers are held back a
 * little so a client that sends ahead of them is seen doing so: TOPs in a bounded window, a
 * -ERR or a drop in the middle of one, a malformed answer whose bytes must not become the
 * next ones, and strictly one command at a time for a server that does not offer it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selfSignedCertificate, type TestCertificate } from "../testing/scripted-server.ts";
import { Pop3Client } from "./client.ts";
import { CommandPipeline } from "./command-pipeline.ts";
import { POP3_LIMITS } from "./limits.ts";
import type { Pop3ClientOptions } from "./options.ts";
import { Pop3Error } from "./pop3-error.ts";
import { openSession } from "./session.ts";
import {
  DEFAULT_CAPABILITIES,
  type FakePop3Script,
  type FakePop3Server,
  fakePop3Server,
} from "./testing/fake-pop3-server.ts";
import type { TopResult } from "./tops-in-order.ts";

let cert: TestCertificate;
const servers: FakePop3Server[] = [];
beforeAll(() => {
  cert = selfSignedCertificate();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

const WINDOW = POP3_LIMITS.pipelineCommands;
const WITHOUT_PIPELINING = DEFAULT_CAPABILITIES.filter((c) => c !== "PIPELINING");

/** Message n: lines that dot-stuffing and a confused reader would trip over. */
function message(n: number): Buffer {
  return Buffer.from(
    `Subject: message ${n}\r\nX-Seq: ${n}\r\n\r\n.dot line of ${n}\r\n+OK not a status\r\n..\r\nlast of ${n}\r\n`,
  );
}

/** What TOP n 1 gives for message(n): the header and one body line, un-stuffed. */
function expectedTop(n: number): string {
  return `Subject: message ${n}\r\nX-Seq: ${n}\r\n\r\n.dot line of ${n}\r\n`;
}

async function serve(count: number, script: FakePop3Script = {}): Promise<FakePop3Server> {
  const server = await fakePop3Server({
    certificate: cert,
    answerDelayMs: 1,
    messages: Array.from({ length: count }, (_, i) => ({
      uid: `uid-${i + 1}`,
      data: message(i + 1),
    })),
    ...script,
  });
  servers.push(server);
  return server;
}

function options(server: { port: number }, extra: Partial<Pop3ClientOptions> = {}) {
  return {
    host: "127.0.0.1",
    port: server.port,
    security: "starttls",
    tlsPolicy: { ca: cert.cert },
    auth: { user: "alice", password: "secret" },
    ...extra,
  } satisfies Pop3ClientOptions;
}

async function collect(results: AsyncIterable<TopResult>): Promise<TopResult[]> {
  const all: TopResult[] = [];
  for await (const result of results) all.push(result);
  return all;
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The commands of the session after login, each with the answers owed when it arrived. */
function arrivals(server: FakePop3Server, verb: RegExp = /^(TOP|RETR|STAT|NOOP|QUIT|LIST)/) {
  const session = server.sessions.at(-1)!;
  return session.commands
    .map((command, i) => ({ command, owed: session.owedAtArrival[i]! }))
    .filter((a) => verb.test(a.command));
}

function texts(results: TopResult[]): (string | null)[] {
  return results.map((r) => (r.ok ? r.top.toString() : null));
}

describe("PIPELINING (RFC 2449 section 6.6)", () => {
  it("sends TOPs ahead of their answers, never more than the window, results in order", async () => {
    const server = await serve(40);
    const client = await Pop3Client.connect(options(server));
    expect(client.pipelining).toBe(true);
    const results = await collect(client.tops(range(1, 40), 1));
    expect(results.map((r) => r.id)).toEqual(range(1, 40));
    expect(texts(results)).toEqual(range(1, 40).map(expectedTop));

    const tops = arrivals(server, /^TOP/);
    expect(tops.map((a) => a.command)).toEqual(range(1, 40).map((n) => `TOP ${n} 1`));
    // The first window went out before any answer; none ever had more than the window ahead.
    expect(tops.slice(0, WINDOW).map((a) => a.owed)).toEqual(range(0, WINDOW - 1));
    expect(Math.max(...tops.map((a) => a.owed))).toBe(WINDOW - 1);
    await client.quit();
  });

  it("gives the results top() one by one gives, on the same messages", async () => {
    const server = await serve(25);
    const client = await Pop3Client.connect(options(server));
    const pipelined = texts(await collect(client.tops(range(1, 25), 1)));
    const sequential: string[] = [];
    for (const n of range(1, 25)) sequential.push((await client.top(n, 1)).toString());
    expect(pipelined).toEqual(sequential);
    await client.quit();
  });

  it("a -ERR in the middle of a batch is that message's error; the answers after it stay in step", async () => {
    const server = await serve(10, {
      on: (line) => (line === "TOP 4 1" ? "-ERR [SYS/PERM] Message 4 is unreadable" : undefined),
    });
    const client = await Pop3Client.connect(options(server));
    const results = await collect(client.tops(range(1, 10), 1));
    expect(results.map((r) => r.id)).toEqual(range(1, 10));
    const failed = results[3]!;
    expect(failed.ok).toBe(false);
    if (failed.ok) return;
    expect(failed.error).toBeInstanceOf(Pop3Error);
    expect(failed.error).toMatchObject({
      code: "POP3_ERR",
      responseCode: "SYS/PERM",
      text: "Message 4 is unreadable",
      command: "TOP 4 1",
    });
    expect(texts(results)).toEqual(range(1, 10).map((n) => (n === 4 ? null : expectedTop(n))));
    // TOP 5 and later were on their way before the -ERR was written.
    expect(arrivals(server, /^TOP 5 /)[0]!.owed).toBeGreaterThan(0);
    // The session goes on.
    expect(await client.stat()).toEqual({ count: 10, size: expect.any(Number) });
    await client.quit();
  });

  it("a drop in the middle of an answer fails that TOP and every one after it, without a hang", async () => {
    const server = await serve(12, {
      answerDelayMs: undefined,
      on: (line, session) => {
        if (line !== "TOP 4 1") return undefined;
        // The connection ends part way through this answer (end(), not destroy(): a TLS
        // socket destroyed at once would also lose the answers written before).
        session.write("+OK\r\nSubject: message 4");
        session.socket.end();
        return null;
      },
    });
    const client = await Pop3Client.connect(options(server));
    const results = await collect(client.tops(range(1, 12), 1));
    expect(results.map((r) => r.id)).toEqual(range(1, 12));
    expect(texts(results.slice(0, 3))).toEqual(range(1, 3).map(expectedTop));
    for (const result of results.slice(3)) {
      expect(result, `TOP ${result.id}`).toMatchObject({ ok: false, error: { code: "CLOSED" } });
    }
    // Every TOP the server saw was in the same window as the one it dropped.
    expect(arrivals(server, /^TOP/).length).toBeLessThanOrEqual(WINDOW);
    expect(client.closed).toBe(true);
    await expect(client.stat()).rejects.toMatchObject({ code: "CLOSED" });
    await expect(client.quit()).rejects.toMatchObject({
      code: "CLOSED",
      message: expect.stringMatching(/no deletions were made/),
    });
  });

  it("answers the server sent whole before it closed are still read", async () => {
    const server = await serve(6, {
      answerDelayMs: undefined,
      on: (line, session) => {
        if (line !== "TOP 3 1") return undefined;
        session.socket.end();
        return null;
      },
    });
    const client = await Pop3Client.connect(options(server));
    const results = await collect(client.tops(range(1, 6), 1));
    expect(texts(results)).toEqual([expectedTop(1), expectedTop(2), null, null, null, null]);
    expect(results.slice(2).every((r) => !r.ok && r.error.code === "CLOSED")).toBe(true);
  });

  it("after a malformed answer, the bytes behind it are never read as the next answers", async () => {
    const forged = "+OK\r\nSubject: forged\r\n\r\n.\r\n";
    const server = await serve(8, {
      answerDelayMs: undefined,
      on: (line) => (line === "TOP 3 1" ? `* not POP3\r\n${forged}${forged}${forged}` : undefined),
    });
    const client = await Pop3Client.connect(options(server));
    const results = await collect(client.tops(range(1, 8), 1));
    expect(texts(results.slice(0, 2))).toEqual([expectedTop(1), expectedTop(2)]);
    expect(results[2]).toMatchObject({ ok: false, error: { code: "PROTOCOL" } });
    for (const result of results.slice(3)) {
      expect(result, `TOP ${result.id}`).toMatchObject({ ok: false, error: { code: "CLOSED" } });
    }
    expect(client.closed).toBe(true);
  });

  it("an oversized answer fails with LIMIT_EXCEEDED and the rest of the window with CLOSED", async () => {
    const line = `X-Pad: ${"a".repeat(1000)}\r\n`;
    const bomb = `+OK\r\n${line.repeat(Math.ceil(POP3_LIMITS.maxTopBytes / line.length) + 1)}.`;
    const server = await serve(6, {
      answerDelayMs: undefined,
      on: (command) => (command === "TOP 2 1" ? bomb : undefined),
    });
    const client = await Pop3Client.connect(options(server));
    const results = await collect(client.tops(range(1, 6), 1));
    expect(texts(results.slice(0, 1))).toEqual([expectedTop(1)]);
    expect(results[1]).toMatchObject({ ok: false, error: { code: "LIMIT_EXCEEDED" } });
    expect(results.slice(2).map((r) => !r.ok && r.error.code)).toEqual(Array(4).fill("CLOSED"));
  });

  it("another caller's command waits behind the TOPs in flight, not behind the whole list", async () => {
    const server = await serve(60);
    const client = await Pop3Client.connect(options(server));
    const results: TopResult[] = [];
    let retrieved: Promise<Buffer> | undefined;
    for await (const result of client.tops(range(1, 60), 1)) {
      results.push(result);
      if (result.id === 3) retrieved = client.retrieve(50);
    }
    expect(await retrieved).toEqual(message(50));
    expect(texts(results)).toEqual(range(1, 60).map(expectedTop));
    const order = arrivals(server, /^(TOP|RETR)/).map((a) => a.command);
    const retr = order.indexOf("RETR 50");
    expect(retr).toBeGreaterThan(0);
    expect(retr).toBeLessThanOrEqual(3 + WINDOW);
    await client.quit();
  });

  it("QUIT goes alone, after every answer owed", async () => {
    const server = await serve(5);
    const client = await Pop3Client.connect(options(server));
    const tops = range(1, 5).map((n) => client.top(n, 1));
    const quit = client.quit();
    expect((await Promise.all(tops)).map(String)).toEqual(range(1, 5).map(expectedTop));
    await quit;
    const sent = arrivals(server);
    expect(sent.at(-1)).toEqual({ command: "QUIT", owed: 0 });
    expect(sent.slice(0, 5).map((a) => a.owed)).toEqual([0, 1, 2, 3, 4]);
  });

  it("keeps command lines in flight within the byte window, whatever the count", async () => {
    const server = await serve(1);
    const session = await openSession(options(server));
    const pipeline = new CommandPipeline(session.connection, { commands: 100, bytes: 1000 });
    // "NOOP" and 296 characters of argument: 300 bytes with CRLF, so three fit in 1000.
    const line = `NOOP ${"x".repeat(294)}`;
    const answers = await Promise.all(
      range(1, 10).map(() =>
        pipeline.run({ line, read: async (c) => (await c.expectOk("command", line)).text }),
      ),
    );
    expect(answers).toHaveLength(10);
    const owed = arrivals(server, /^NOOP/).map((a) => a.owed);
    expect(Math.max(...owed)).toBe(2);
    session.connection.destroy();
  });

  it("writes each pipelined command as its own transcript line, message data summarised", async () => {
    const server = await serve(4);
    const lines: string[] = [];
    const client = await Pop3Client.connect(
      options(server, { transcript: (direction, text) => lines.push(`${direction}: ${text}`) }),
    );
    await collect(client.tops(range(1, 4), 1));
    await client.quit();
    expect(lines.filter((l) => l.startsWith("C: TOP"))).toEqual(
      range(1, 4).map((n) => `C: TOP ${n} 1`),
    );
    expect(lines.join("\n")).not.toMatch(/dot line of/);
  });
});

describe("a server without PIPELINING", () => {
  for (const [name, script, extra] of [
    ["not offered", { capabilities: WITHOUT_PIPELINING }, {}],
    ["offered but switched off", {}, { pipelining: false }],
  ] as const) {
    it(`gets strictly one command at a time (${name})`, async () => {
      const server = await serve(8, script);
      const client = await Pop3Client.connect(options(server, extra));
      expect(client.pipelining).toBe(false);
      const tops = client.tops(range(1, 8), 1);
      const results: TopResult[] = [];
      const others: Promise<unknown>[] = [];
      for await (const result of tops) {
        results.push(result);
        // Calls made meanwhile wait for their turn too, instead of going out early.
        if (result.id === 2) others.push(client.stat(), client.noop(), client.retrieve(7));
      }
      await Promise.all(others);
      expect(texts(results)).toEqual(range(1, 8).map(expectedTop));
      await client.quit();
      const sent = arrivals(server);
      expect(sent.map((a) => a.command)).toEqual([
        "TOP 1 1",
        "TOP 2 1",
        "STAT",
        "NOOP",
        "RETR 7",
        ...range(3, 8).map((n) => `TOP ${n} 1`),
        "QUIT",
      ]);
      expect(sent.every((a) => a.owed === 0)).toBe(true);
    });
  }

  it("a -ERR is still that message's own result", async () => {
    const server = await serve(4, {
      capabilities: WITHOUT_PIPELINING,
      on: (line) => (line === "TOP 2 1" ? "-ERR no such message" : undefined),
    });
    const client = await Pop3Client.connect(options(server));
    const results = await collect(client.tops(range(1, 4), 1));
    expect(texts(results)).toEqual([expectedTop(1), null, expectedTop(3), expectedTop(4)]);
    expect(results[1]).toMatchObject({ ok: false, error: { code: "POP3_ERR" } });
    await client.quit();
  });
});

describe("tops() input", () => {
  it("refuses a bad line count or message number before anything is sent", async () => {
    const server = await serve(2);
    const client = await Pop3Client.connect(options(server));
    expect(() => client.tops([1], -1)).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
    expect(() => client.tops([1, 0], 1)).toThrow(
      expect.objectContaining({ code: "INVALID_INPUT" }),
    );
    expect(await collect(client.tops([], 1))).toEqual([]);
    await client.quit();
    expect(arrivals(server, /^TOP/)).toEqual([]);
  });
});
