import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostileInputs } from "../../../dev/shared-data.ts";
import type { ImapClient } from "../client.ts";
import { connectStack, message, removeTree, uniqueName } from "../testing/stack-client.ts";

const hostile = hostileInputs();
const folder = (id: string) => hostile.imap_folder_names.find((f) => f.id === id)!.value;

let client: ImapClient;
const transcript: string[] = [];
const root = uniqueName("mbx");

beforeAll(async () => {
  client = await connectStack("carol", { transcript: (d, t) => transcript.push(`${d}: ${t}`) });
});
afterAll(async () => {
  await removeTree(client, root);
  expect(await client.list({ pattern: `${root}*` })).toEqual([]);
  await client.logout();
});

async function create(name: string): Promise<string> {
  await client.createMailbox(name);
  return name;
}

describe("mailboxes on Dovecot", () => {
  it("LIST reports special-use and children attributes, with LIST-STATUS counts", async () => {
    await create(`${root}/child`);
    const entries = await client.list({ status: ["MESSAGES", "UNSEEN", "UIDNEXT"] });
    const sent = entries.find((e) => e.specialUse === "\\Sent");
    expect(sent).toBeDefined();
    const parent = entries.find((e) => e.name === root)!;
    expect(parent.hasChildren).toBe(true);
    expect(parent.delimiter).toBe("/");
    const child = entries.find((e) => e.name === `${root}/child`)!;
    expect(child.hasChildren).toBe(false);
    expect(child.status).toEqual({ messages: 0, unseen: 0, uidNext: 1 });
    expect(transcript.join("\n")).toContain(
      "RETURN (CHILDREN SPECIAL-USE STATUS (MESSAGES UNSEEN UIDNEXT))",
    );
  });

  it("without LIST-STATUS it falls back to one STATUS per mailbox", async () => {
    client.connection.capabilities.delete("LIST-STATUS");
    try {
      const entries = await client.list({ pattern: `${root}/*`, status: ["MESSAGES"] });
      expect(entries.map((e) => [e.name, e.status])).toEqual([[`${root}/child`, { messages: 0 }]]);
    } finally {
      client.connection.capabilities.add("LIST-STATUS");
    }
  });

  it("PF2: a name with quotes, & and accents round-trips exactly (modified UTF-7 both ways)", async () => {
    const name = `${root}/${folder("PF2")}`;
    await create(name);
    const listed = await client.list({ pattern: `${root}/*` });
    expect(listed.map((e) => e.name)).toContain(name);
    expect(transcript.join("\n")).toContain(
      `CREATE "${root}/Projects/2026 \\"Q1\\" &- &AOk-t&AOk-"`,
    );
    const selected = await client.select(name);
    expect(selected.name).toBe(name);
    await client.append(name, message({ subject: "in PF2" }));
    expect((await client.status(name)).messages).toBe(1);
    await client.unselect();
  });

  it("more non-ASCII names: CJK, emoji, Cyrillic", async () => {
    for (const leaf of ["日本語", "Входящие", "📬 post"]) {
      const name = `${root}/${leaf}`;
      await create(name);
      const [entry] = await client.list({ pattern: name });
      expect(entry?.name).toBe(name);
    }
  });

  it("PF1: a name with CR LF is refused before anything is sent (no CREATE on the wire)", async () => {
    const before = transcript.length;
    await expect(client.createMailbox(folder("PF1"))).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    expect(transcript.slice(before).filter((l) => l.includes("CREATE"))).toEqual([]);
    await client.noop();
  });

  it("CREATE of an existing name is ALREADYEXISTS; SELECT of a missing one is NONEXISTENT", async () => {
    await expect(client.createMailbox(`${root}/child`)).rejects.toMatchObject({
      code: "IMAP_NO",
      responseCode: "ALREADYEXISTS",
      command: "CREATE",
    });
    // Dovecot 2.3 says so in words only, without the RFC 5530 code.
    await expect(client.select(`${root}/missing`)).rejects.toMatchObject({
      code: "IMAP_NO",
      command: "SELECT",
      serverText: expect.stringMatching(/doesn't exist/),
    });
    expect(client.mailbox).toBeNull();
  });

  it("a NO that echoes a name ending in {5} does not desynchronise the connection", async () => {
    await expect(client.select(`${root}/x{5}`)).rejects.toMatchObject({
      serverText: expect.stringMatching(/x\{5\}/),
    });
    await expect(client.noop()).resolves.toBeUndefined();
    expect(client.usable).toBe(true);
  });

  it("RENAME, SUBSCRIBE, LSUB, UNSUBSCRIBE, DELETE", async () => {
    const a = await create(`${root}/rename-me`);
    const b = `${root}/renamed-été`;
    await client.renameMailbox(a, b);
    await client.subscribe(b);
    expect((await client.listSubscribed({ pattern: `${root}/*` })).map((e) => e.name)).toContain(b);
    await client.unsubscribe(b);
    expect(
      (await client.listSubscribed({ pattern: `${root}/*` })).map((e) => e.name),
    ).not.toContain(b);
    await client.deleteMailbox(b);
    expect((await client.list({ pattern: b })).length).toBe(0);
  });

  it("NAMESPACE", async () => {
    expect(await client.namespace()).toEqual({
      personal: [{ prefix: "", delimiter: "/" }],
      other: [],
      shared: [],
    });
  });

  it("STATUS returns MESSAGES, UNSEEN, UIDNEXT, UIDVALIDITY, HIGHESTMODSEQ", async () => {
    const name = await create(`${root}/status`);
    await client.append(name, message(), { flags: ["\\Seen"] });
    await client.append(name, message());
    const status = await client.status(name);
    expect(status).toMatchObject({ messages: 2, unseen: 1, uidNext: 3 });
    expect(status.uidValidity).toBeGreaterThan(0);
    expect(typeof status.highestModseq).toBe("bigint");
  });

  it("SELECT and EXAMINE return everything the server reported; UNSELECT and CLOSE leave", async () => {
    const name = await create(`${root}/select`);
    await client.append(name, message(), { flags: ["\\Deleted"] });
    await client.append(name, message());
    const selected = await client.select(name);
    expect(selected).toMatchObject({
      name,
      readOnly: false,
      exists: 2,
      uidNext: 3,
      noModseq: false,
    });
    expect(selected.flags).toContain("\\Deleted");
    expect(selected.permanentFlags).toContain("\\*");
    expect(selected.uidValidity).toBeGreaterThan(0);
    expect(selected.highestModseq).toBeGreaterThan(0n);
    expect(client.state).toBe("selected");
    await client.unselect();
    expect(client.state).toBe("authenticated");
    expect((await client.status(name)).messages).toBe(2);
    const examined = await client.examine(name);
    expect(examined.readOnly).toBe(true);
    await client.closeMailbox();
    expect((await client.status(name)).messages).toBe(2);
    await client.select(name);
    await client.closeMailbox();
    expect((await client.status(name)).messages).toBe(1);
  });

  it("QRESYNC SELECT reports what changed since a known modseq", async () => {
    const name = await create(`${root}/qresync`);
    await client.append(name, message());
    await client.append(name, message());
    const first = await client.select(name);
    await client.addFlags(1, ["\\Flagged"], { byUid: true, silent: true });
    await client.uidExpunge(2).catch(() => undefined);
    await client.addFlags(2, ["\\Deleted"], { byUid: true, silent: true });
    await client.uidExpunge(2);
    await client.unselect();
    const again = await client.select(name, {
      qresync: { uidValidity: first.uidValidity!, modseq: first.highestModseq!, knownUids: "1:2" },
    });
    expect(again.changes.vanished).toEqual(["2"]);
    expect(again.changes.fetched.map((f) => [f.uid, f.flags])).toEqual([[1, ["\\Flagged"]]]);
    await client.unselect();
  });
});
