import { afterEach, describe, expect, it } from "vitest";
import type { ImapClient } from "./client.ts";
import { connectTo, type ImapScript, imapScript, writeSplit } from "./testing/scripted-imap.ts";

const scripts: ImapScript[] = [];
const clients: ImapClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await Promise.all(scripts.splice(0).map((s) => s.close()));
});

async function setup(
  handler: Parameters<typeof imapScript>[0],
  options: Parameters<typeof imapScript>[1] = {},
  clientOptions: Parameters<typeof connectTo>[1] = {},
) {
  const script = await imapScript(handler, options);
  scripts.push(script);
  const client = await connectTo(script, clientOptions);
  clients.push(client);
  return { script, client };
}

const SELECTED = (tag: string) =>
  `* 3 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n${tag} OK [READ-WRITE] done\r\n`;

describe("literals split across TCP reads", () => {
  it("assembles a FETCH whose bytes arrive split at every single offset", async () => {
    const body = Buffer.from('Grüße, 世界!\r\n) {5}\r\n"quoted"', "utf8");
    const response = Buffer.concat([
      Buffer.from(`* 1 FETCH (UID 9 BODY[] {${body.length}}\r\n`),
      body,
      Buffer.from(" FLAGS (\\Seen))\r\n"),
    ]);
    let offset = 0;
    const { client } = await setup((line, socket) => {
      if (line.command.startsWith("SELECT")) socket.write(SELECTED(line.tag));
      else if (line.command.startsWith("UID FETCH")) {
        const tagged = Buffer.from(`${line.tag} OK done\r\n`);
        const all = Buffer.concat([response, tagged]);
        void writeSplit(socket, all, [offset]);
      }
    });
    await client.select("INBOX");
    for (offset = 1; offset < response.length; offset++) {
      const [message] = await client.fetch(
        9,
        { flags: true, bodies: [{ section: "" }] },
        { byUid: true },
      );
      expect(message!.sections.get("")!.data).toEqual(body);
      expect(message!.flags).toEqual(["\\Seen"]);
    }
  });

  it("assembles a response delivered one byte at a time", async () => {
    const body = Buffer.from("äöü\r\n{3}\r\n", "utf8");
    const response = Buffer.concat([
      Buffer.from(`* 1 FETCH (UID 9 BODY[] {${body.length}}\r\n`),
      body,
      Buffer.from(")\r\n"),
    ]);
    const { client } = await setup((line, socket) => {
      if (line.command.startsWith("SELECT")) socket.write(SELECTED(line.tag));
      else if (line.command.startsWith("UID FETCH")) {
        const all = Buffer.concat([response, Buffer.from(`${line.tag} OK done\r\n`)]);
        void writeSplit(
          socket,
          all,
          Array.from({ length: all.length }, (_, i) => i),
        );
      }
    });
    await client.select("INBOX");
    const [message] = await client.fetch(9, { bodies: [{ section: "" }] }, { byUid: true });
    expect(message!.sections.get("")!.data).toEqual(body);
  });
});

describe("a connection that dies", () => {
  it("fails the command in flight and every queued one when the server drops mid-literal", async () => {
    const { client } = await setup((line, socket) => {
      if (line.command.startsWith("SELECT")) socket.write(SELECTED(line.tag));
      else if (line.command.startsWith("UID FETCH")) {
        socket.write("* 1 FETCH (UID 1 BODY[] {1000}\r\nonly forty bytes of a thousand.........");
        setTimeout(() => socket.destroy(), 20);
      }
    });
    await client.select("INBOX");
    const inFlight = client.fetch(1, { bodies: [{ section: "" }] }, { byUid: true });
    const queued = client.noop();
    await expect(inFlight).rejects.toMatchObject({ code: "CLOSED" });
    await expect(queued).rejects.toMatchObject({ code: "CLOSED" });
    expect(client.usable).toBe(false);
    await expect(client.noop()).rejects.toMatchObject({ code: "CLOSED" });
  });

  it("reports BYE during a command as IMAP_BYE with the server's text", async () => {
    const { client } = await setup((line, socket) => {
      if (line.command === "NOOP") socket.end("* BYE Server shutting down for maintenance\r\n");
    });
    const closed = new Promise((resolve) => client.on("close", resolve));
    await expect(client.noop()).rejects.toMatchObject({
      code: "IMAP_BYE",
      serverText: "Server shutting down for maintenance",
    });
    expect(await closed).toMatchObject({ error: { code: "IMAP_BYE" } });
  });

  it("reports BYE in the middle of a FETCH's responses, and fails the queued command too", async () => {
    const { client } = await setup((line, socket) => {
      if (line.command.startsWith("SELECT")) socket.write(SELECTED(line.tag));
      if (line.command.startsWith("FETCH")) {
        socket.write("* 1 FETCH (UID 1 FLAGS ())\r\n* 2 FETCH (UID 2 FLAGS ())\r\n");
        setTimeout(() => socket.end("* BYE Disk quota exceeded, goodbye\r\n"), 10);
      }
    });
    await client.select("INBOX");
    const fetching = client.fetch("1:3", { flags: true });
    const queued = client.noop();
    await expect(fetching).rejects.toMatchObject({
      code: "IMAP_BYE",
      serverText: "Disk quota exceeded, goodbye",
    });
    await expect(queued).rejects.toMatchObject({ code: "IMAP_BYE" });
  });

  it("reports an unsolicited BYE while idle through the close event", async () => {
    const { client, script } = await setup(() => {});
    const closed = new Promise<{ error: { code: string } }>((resolve) =>
      client.on("close", resolve),
    );
    script.sockets[0]!.end("* BYE Autologout; idle for too long\r\n");
    expect((await closed).error.code).toBe("IMAP_BYE");
    expect(client.usable).toBe(false);
  });

  it("refuses a BYE greeting", async () => {
    const script = await imapScript(() => {}, { greeting: "* BYE Too many connections\r\n" });
    scripts.push(script);
    await expect(connectTo(script)).rejects.toMatchObject({
      code: "IMAP_BYE",
      serverText: "Too many connections",
    });
  });

  it("times out a server that never answers a command, and closes the connection", async () => {
    const { client } = await setup(() => {}, {}, { timeouts: { commandMs: 150 } });
    const started = Date.now();
    await expect(client.noop()).rejects.toMatchObject({ code: "TIMEOUT", command: "NOOP" });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(client.usable).toBe(false);
  });

  it("times out a server that never greets", async () => {
    const script = await imapScript(() => {}, { greeting: null });
    scripts.push(script);
    await expect(connectTo(script, { timeouts: { greetingMs: 150 } })).rejects.toMatchObject({
      code: "TIMEOUT",
    });
  });

  it("a slow but steady server does not time out", async () => {
    const { client } = await setup(
      (line, socket) => {
        if (!line.command.startsWith("SEARCH")) return;
        let n = 0;
        const tick = setInterval(() => {
          if (++n < 6) socket.write(`* ${n} EXISTS\r\n`);
          else {
            clearInterval(tick);
            socket.write(`* SEARCH 1\r\n${line.tag} OK done\r\n`);
          }
        }, 60);
      },
      {},
      { timeouts: { commandMs: 150 } },
    );
    await expect(client.search({ all: true }, { byUid: false })).resolves.toMatchObject({
      ids: [1],
    });
  });
});

describe("malformed responses", () => {
  it("fails the command whose untagged data was malformed, and keeps the connection", async () => {
    const { client } = await setup((line, socket) => {
      if (line.command === "CAPABILITY")
        socket.write(`* CAPABILITY IMAP4rev1\r\n${line.tag} OK\r\n`);
      if (line.command.startsWith("SELECT")) socket.write(SELECTED(line.tag));
      if (line.command.startsWith("FETCH"))
        socket.write(`* 1 FETCH (UID "unterminated\r\n${line.tag} OK done\r\n`);
      if (line.command === "NOOP") socket.write(`${line.tag} OK fine\r\n`);
    });
    await client.select("INBOX");
    await expect(client.fetch(1, { flags: true })).rejects.toMatchObject({ code: "PROTOCOL" });
    expect(client.usable).toBe(true);
    await expect(client.noop()).resolves.toBeUndefined();
  });

  it("ends the session on a tagged reply it cannot read", async () => {
    const { client } = await setup((line, socket) => {
      if (line.command === "NOOP") socket.write(`${line.tag} PERHAPS\r\n`);
    });
    await expect(client.noop()).rejects.toMatchObject({ code: "PROTOCOL" });
    expect(client.usable).toBe(false);
  });

  it("ends the session on a reply to a tag that is not in flight", async () => {
    const { client } = await setup((_line, socket) => {
      socket.write("Z99 OK who asked\r\n");
    });
    await expect(client.noop()).rejects.toMatchObject({ code: "PROTOCOL" });
  });

  it("ends the session on a literal over the limit, before reading it", async () => {
    const { client } = await setup(
      (line, socket) => {
        if (line.command.startsWith("SELECT")) socket.write(SELECTED(line.tag));
        if (line.command.startsWith("FETCH")) socket.write("* 1 FETCH (BODY[] {4000000000}\r\n");
      },
      {},
      { limits: { maxLiteralSize: 1024 * 1024 } },
    );
    await client.select("INBOX");
    await expect(client.fetch(1, { bodies: [{ section: "" }] })).rejects.toMatchObject({
      code: "LIMIT_EXCEEDED",
    });
    expect(client.usable).toBe(false);
  });

  it("a NO echoing a name that ends in {5} does not make the client wait for a literal", async () => {
    const { client } = await setup((line, socket) => {
      if (line.command.startsWith("SELECT"))
        socket.write(`${line.tag} NO [NONEXISTENT] Mailbox doesn't exist: x{5}\r\n`);
      if (line.command === "NOOP") socket.write(`${line.tag} OK\r\n`);
    });
    await expect(client.select("x{5}")).rejects.toMatchObject({
      code: "IMAP_NO",
      responseCode: "NONEXISTENT",
    });
    await expect(client.noop()).resolves.toBeUndefined();
  });
});

describe("command errors", () => {
  it("a tagged NO becomes a typed error with status, code, args, text and command", async () => {
    const { client } = await setup((line, socket) => {
      socket.write(`${line.tag} NO [BADCHARSET (UTF-8)] no such charset\r\n`);
    });
    await expect(client.search({ text: "x" })).rejects.toMatchObject({
      name: "ImapError",
      code: "IMAP_NO",
      status: "NO",
      responseCode: "BADCHARSET",
      responseCodeArgs: [["UTF-8"]],
      serverText: "no such charset",
      command: "UID SEARCH",
    });
  });

  it("a tagged BAD is IMAP_BAD", async () => {
    const { client } = await setup((line, socket) =>
      socket.write(`${line.tag} BAD Command unknown\r\n`),
    );
    await expect(client.noop()).rejects.toMatchObject({
      code: "IMAP_BAD",
      status: "BAD",
      command: "NOOP",
    });
    expect(client.usable).toBe(true);
  });
});

describe("queue and unsolicited data", () => {
  it("runs commands one at a time, in order", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const order: string[] = [];
    const { client } = await setup((line, socket) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      order.push(line.tag);
      setTimeout(() => {
        inFlight--;
        socket.write(`${line.tag} OK\r\n`);
      }, 5);
    });
    await Promise.all([client.noop(), client.noop(), client.noop(), client.noop()]);
    expect(maxInFlight).toBe(1);
    expect(order).toEqual([...order].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))));
  });

  it("delivers unsolicited EXISTS, EXPUNGE, FETCH and FLAGS as events and updates the mailbox", async () => {
    const { client, script } = await setup((line, socket) => {
      if (line.command.startsWith("SELECT")) socket.write(SELECTED(line.tag));
      if (line.command === "NOOP") {
        socket.write(
          `* 1 EXPUNGE\r\n* 4 EXISTS\r\n* 2 FETCH (FLAGS (\\Seen) UID 8)\r\n${line.tag} OK\r\n`,
        );
      }
    });
    await client.select("INBOX");
    const events: unknown[] = [];
    client.on("exists", (e) => events.push(["exists", e.count, e.previous]));
    client.on("expunge", (e) => events.push(["expunge", e.seq]));
    client.on("flags", (e) => events.push(["flags", e.seq, e.uid, e.flags]));
    client.on("mailboxFlags", (e) => events.push(["mailboxFlags", e.flags]));
    await client.noop();
    expect(client.mailbox!.exists).toBe(4);
    // Between commands too: nothing is waiting, the read loop still hears the server.
    script.sockets[0]!.write("* 5 EXISTS\r\n* FLAGS (\\Seen $Junk)\r\n");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events).toEqual([
      ["expunge", 1],
      ["exists", 4, 2],
      ["flags", 2, 8, ["\\Seen"]],
      ["exists", 5, 4],
      ["mailboxFlags", ["\\Seen", "$Junk"]],
    ]);
    expect(client.mailbox).toMatchObject({ exists: 5, flags: ["\\Seen", "$Junk"] });
  });

  it("waits for the go-ahead before a synchronizing literal and sends nothing after a NO", async () => {
    const { client, script } = await setup(
      (line, socket) => {
        if (line.command.startsWith("SEARCH"))
          socket.write(`${line.tag} NO [BADCHARSET] not today\r\n`);
      },
      { greeting: "* OK [CAPABILITY IMAP4rev1] no literal+\r\n" },
    );
    await expect(client.search({ text: "Grüße" }, { byUid: false })).rejects.toMatchObject({
      responseCode: "BADCHARSET",
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(script.received).toEqual(["A1 SEARCH CHARSET UTF-8 TEXT {7}"]);
  });
});
