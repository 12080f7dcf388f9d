import { afterAll, describe, expect, it } from "vitest";
import { type ScriptedServer, scriptedServer } from "../testing/scripted-server.ts";
import {
  type LineChannel,
  LineConnection,
  type LineSecurity,
  lineConnectionOptions,
  openLineChannel,
} from "./line-connection.ts";
import type { Direction } from "./transcript.ts";

class TestConnection extends LineConnection {
  constructor(channel: LineChannel) {
    super(channel, "TEST");
  }
  send(lines: string[]) {
    return this.writeLines(lines);
  }
  async quietly(work: () => Promise<void>) {
    this.transcriptPaused = true;
    try {
      await work();
    } finally {
      this.transcriptPaused = false;
    }
  }
  readLine() {
    return this.socket.readLine();
  }
}

const servers: ScriptedServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function connect() {
  const received: string[] = [];
  const server = await scriptedServer((socket) => {
    socket.on("data", (d) => {
      received.push(d.toString("latin1"));
      socket.write("ok\r\n");
    });
  });
  servers.push(server);
  const transcript: [Direction, string][] = [];
  const channel = await openLineChannel(
    {
      host: "127.0.0.1",
      port: server.port,
      tls: false,
      connectTimeoutMs: 2_000,
      commandTimeoutMs: 2_000,
      transcript: (direction, text) => transcript.push([direction, text]),
    },
    1_000,
  );
  return { connection: new TestConnection(channel), received, transcript };
}

describe("LineConnection (SMTP, POP3)", () => {
  it("refuses a command line that would carry a second command", async () => {
    const { connection, received } = await connect();
    for (const bad of ["NOOP\r\nQUIT", "NOOP\nX", "NOOP\0"]) {
      await expect(connection.send(["HELO a", bad])).rejects.toMatchObject({
        code: "INVALID_INPUT",
        message: "The TEST command line contained CR, LF or NUL",
      });
    }
    await connection.send(["A", "B"]);
    await connection.readLine();
    expect(received.join("")).toBe("A\r\nB\r\n");
    connection.destroy();
  });

  it("keeps the transcript out of paused traffic, with a note in its place", async () => {
    const { connection, transcript } = await connect();
    await connection.send(["VISIBLE"]);
    await connection.readLine();
    await connection.quietly(async () => {
      await connection.send(["SECRET DATA"]);
      await connection.readLine();
    });
    connection.note("C", "[11 octets of message data]");
    expect(transcript).toEqual([
      ["C", "VISIBLE"],
      ["S", "ok"],
      ["C", "[11 octets of message data]"],
    ]);
    expect(connection.closed).toBe(false);
    await connection.end();
  });
});

describe("lineConnectionOptions", () => {
  const timeouts = { connectMs: 1_000, commandMs: 2_000 };

  it("maps a client's settings, TLS from the first byte only for tls", () => {
    const settings = { host: "mx.test", port: 465, security: "tls" as const };
    expect(lineConnectionOptions(settings, timeouts)).toEqual({
      host: "mx.test",
      port: 465,
      tls: true,
      tlsPolicy: undefined,
      connectTimeoutMs: 1_000,
      commandTimeoutMs: 2_000,
      transcript: undefined,
    });
    expect(lineConnectionOptions({ ...settings, security: "starttls" }, timeouts).tls).toBe(false);
  });

  it("refuses an unknown security setting rather than fall through to plain text", () => {
    const security = "TLS" as LineSecurity;
    expect(() => lineConnectionOptions({ host: "mx.test", port: 25, security }, timeouts)).toThrow(
      expect.objectContaining({ code: "INVALID_INPUT" }),
    );
  });
});
