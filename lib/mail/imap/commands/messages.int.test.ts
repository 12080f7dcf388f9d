import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostileInputs } from "../../../dev/shared-data.ts";
import type { ImapClient } from "../client.ts";
import { newestRange } from "../sequence-set.ts";
import { connectStack, message, removeTree, uniqueName } from "../testing/stack-client.ts";

const hostile = hostileInputs();
const term = (id: string) => hostile.imap_search_terms.find((t) => t.id === id)!.value;

let client: ImapClient;
const transcript: string[] = [];
const root = uniqueName("msg");

const EIGHT_BIT = Buffer.from(
  [
    "From: =?utf-8?q?Andr=C3=A9_M=C3=BCller?= <andre@example.test>",
    "To: Carol Danvers <carol@example.test>, team: a@example.test, b@example.test;",
    "Subject: =?utf-8?B?R3LDvMOfZSBhdXMgS8O2bG4=?= =?utf-8?q?_=E2=82=AC?=",
    "Date: Tue, 04 Feb 2025 09:30:00 +0100",
    "Message-ID: <8bit-1@example.test>",
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="b1"',
    "",
    "--b1",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    "Grüße aus Köln – 8-bit body, déjà vu, 日本語.",
    "--b1",
    'Content-Type: application/octet-stream; name="data.bin"',
    'Content-Disposition: attachment; filename="data.bin"',
    "Content-Transfer-Encoding: base64",
    "",
    Buffer.from([0, 1, 2, 250, 251, 252, 13, 10]).toString("base64"),
    "--b1--",
    "",
  ].join("\r\n"),
  "utf8",
);

/** \Recent is the server's to set (RFC 3501 2.3.2); the first session to see a message gets it. */
function withoutRecent(flags: string[] | undefined): string[] {
  return (flags ?? []).filter((f) => f !== "\\Recent").sort();
}

beforeAll(async () => {
  client = await connectStack("carol", { transcript: (d, t) => transcript.push(`${d}: ${t}`) });
  await client.createMailbox(`${root}/main`);
  await client.createMailbox(`${root}/other`);
});
afterAll(async () => {
  await removeTree(client, root);
  await client.logout();
});

describe("APPEND and FETCH", () => {
  let uid: number;
  const date = new Date("2024-12-24T18:30:15Z");

  it("APPEND of an 8-bit message with flags and internal date returns APPENDUID", async () => {
    const result = await client.append(`${root}/main`, EIGHT_BIT, {
      flags: ["\\Flagged", "$Work"],
      internalDate: date,
    });
    expect(result.uidValidity).toBeGreaterThan(0);
    expect(result.uid).toBe(1);
    uid = result.uid!;
    // LITERAL+ is offered: the message went as a non-synchronizing literal.
    expect(transcript.join("\n")).toMatch(
      /APPEND .* \(\\Flagged \$Work\) "24-Dec-2024 18:30:15 \+0000" \{\d+\+\}/,
    );
  });

  it("APPEND with a synchronizing literal when LITERAL+ is not offered waits for the go-ahead", async () => {
    client.connection.capabilities.delete("LITERAL+");
    try {
      const result = await client.append(`${root}/other`, EIGHT_BIT);
      expect(result.uid).toBe(1);
    } finally {
      client.connection.capabilities.add("LITERAL+");
    }
    const lines = transcript.join("\n");
    expect(lines).toMatch(/C: A\d+ APPEND "[^"]+" \{\d+\}\nS: \+ OK\nC: /);
  });

  it("fetches the source back byte for byte, and the message is still unseen (BODY.PEEK)", async () => {
    await client.select(`${root}/main`);
    expect(await client.fetchSource(uid)).toEqual(EIGHT_BIT);
    const [again] = await client.fetch(uid, { flags: true }, { byUid: true });
    expect(again!.flags).not.toContain("\\Seen");
  });

  it("FLAGS, ENVELOPE (decoded), BODYSTRUCTURE, INTERNALDATE, RFC822.SIZE by UID", async () => {
    const [m] = await client.fetch(
      uid,
      {
        flags: true,
        envelope: true,
        bodyStructure: true,
        internalDate: true,
        size: true,
        modseq: true,
      },
      { byUid: true },
    );
    expect(m).toMatchObject({ uid, seq: 1, size: EIGHT_BIT.length, internalDate: date });
    expect(withoutRecent(m!.flags)).toEqual(["$Work", "\\Flagged"]);
    expect(m!.envelope).toMatchObject({
      subject: "Grüße aus Köln €",
      from: [{ name: "André Müller", address: "andre@example.test" }],
      to: [
        { name: "Carol Danvers", address: "carol@example.test" },
        { name: null, address: "a@example.test", group: "team" },
        { name: null, address: "b@example.test", group: "team" },
      ],
      messageId: "<8bit-1@example.test>",
      date: new Date("2025-02-04T08:30:00Z"),
    });
    expect(m!.modseq).toBeGreaterThan(0n);
    const tree = m!.bodyStructure!;
    expect(tree.contentType).toBe("multipart/mixed");
    expect(tree.children.map((c) => [c.section, c.contentType, c.filename])).toEqual([
      ["1", "text/plain", null],
      ["2", "application/octet-stream", "data.bin"],
    ]);
  });

  it("the same by sequence number", async () => {
    const [m] = await client.fetch(1, { envelope: true });
    expect(m!.uid).toBe(uid);
    expect(m!.envelope!.messageId).toBe("<8bit-1@example.test>");
  });

  it("BODY.PEEK[HEADER.FIELDS (...)], a section, a partial range, and BINARY decoding", async () => {
    const [m] = await client.fetch(
      uid,
      {
        headers: ["Subject", "Message-ID"],
        bodies: [
          { section: "1" },
          { section: "", partial: { start: 0, length: 10 } },
          { section: "2", binary: true },
        ],
      },
      { byUid: true },
    );
    expect(String(m!.sections.get("HEADER.FIELDS (SUBJECT MESSAGE-ID)")!.data)).toBe(
      "Subject: =?utf-8?B?R3LDvMOfZSBhdXMgS8O2bG4=?= =?utf-8?q?_=E2=82=AC?=\r\nMessage-ID: <8bit-1@example.test>\r\n\r\n",
    );
    expect(String(m!.sections.get("1")!.data)).toBe(
      "Grüße aus Köln – 8-bit body, déjà vu, 日本語.",
    );
    expect(m!.sections.get("")).toEqual({ data: EIGHT_BIT.subarray(0, 10), origin: 0 });
    expect([...(m!.binary.get("2")!.data as Buffer)]).toEqual([0, 1, 2, 250, 251, 252, 13, 10]);
  });

  it("downloads one part to a sink, decoded with BINARY", async () => {
    const chunks: Buffer[] = [];
    const result = await client.download(uid, { section: "2", binary: true }, (c) => {
      chunks.push(c);
    });
    expect(result).toMatchObject({ uid, decoded: true, size: 8 });
    expect([...Buffer.concat(chunks)]).toEqual([0, 1, 2, 250, 251, 252, 13, 10]);
  });

  it("download of a UID that does not exist is a typed error", async () => {
    await expect(client.download(999, { section: "" }, () => {})).rejects.toMatchObject({
      code: "IMAP_NO",
      responseCode: "NONEXISTENT",
    });
  });
});

describe("message lists by sequence number", () => {
  const mailbox = `${root}/list`;

  beforeAll(async () => {
    await client.createMailbox(mailbox);
    for (let i = 1; i <= 120; i++) {
      await client.append(
        mailbox,
        message({
          subject: `=?utf-8?q?Nachricht_Nr=2E_${i}_=C3=BC?=`,
          body: `Body text number ${i}.`,
        }),
        { internalDate: new Date(Date.UTC(2025, 0, 1) + i * 60_000) },
      );
    }
  });

  it("fetches the newest page with sequence ranges, newest first, with previews", async () => {
    const selected = await client.examine(mailbox);
    const range = newestRange(selected.exists, 50)!;
    expect(range).toBe("71:120");
    const list = await client.fetchMessageList(range);
    expect(list).toHaveLength(50);
    expect(list[0]).toMatchObject({ seq: 120, uid: 120, preview: "Body text number 120." });
    expect(list[0]!.envelope!.subject).toBe("Nachricht Nr. 120 ü");
    expect(list.at(-1)!.seq).toBe(71);
    expect(list[0]!.bodyStructure!.contentType).toBe("text/plain");
    expect(transcript.join("\n")).toContain(
      "FETCH 71:120 (UID FLAGS ENVELOPE BODYSTRUCTURE INTERNALDATE RFC822.SIZE MODSEQ PREVIEW)",
    );
    const page2 = await client.fetchMessageList(newestRange(selected.exists, 50, 2)!);
    expect(page2.map((m) => m.seq)).toEqual(Array.from({ length: 20 }, (_, i) => 20 - i));
  });

  it("fetchNewestPage pages from the newest message down", async () => {
    const first = await client.fetchNewestPage(0, 50, { preview: false, bodyStructure: false });
    expect(first.map((m) => m.seq)).toEqual(Array.from({ length: 50 }, (_, i) => 120 - i));
    expect((await client.fetchNewestPage(3, 50)).length).toBe(0);
  });

  it("fetchEach delivers messages one by one", async () => {
    let count = 0;
    await client.fetchEach("1:*", { flags: true }, () => {
      count++;
    });
    expect(count).toBe(120);
  });

  it("SORT by date reversed, and SEARCH with ESEARCH and without", async () => {
    const sorted = await client.sort({ all: true }, { sort: [{ key: "ARRIVAL", reverse: true }] });
    expect(sorted.slice(0, 3)).toEqual([120, 119, 118]);
    const found = await client.search({ subject: "Nr. 11" });
    expect(found.ids).toEqual([11, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119]);
    client.connection.capabilities.delete("ESEARCH");
    try {
      expect((await client.search({ subject: "Nr. 11" })).ids).toEqual(found.ids);
    } finally {
      client.connection.capabilities.add("ESEARCH");
    }
    expect((await client.search({ body: "number 77." }, { byUid: false })).ids).toEqual([77]);
  });

  it("SEARCH with non-ASCII terms goes CHARSET UTF-8", async () => {
    const found = await client.search({ subject: "Nr. 5 ü" });
    expect(found.ids).toEqual([5]);
    expect(transcript.join("\n")).toMatch(
      /UID SEARCH RETURN \(ALL\) CHARSET UTF-8 SUBJECT \{\d+\+\}/,
    );
  });

  it("PS1 and PS2: hostile search terms are searched for, never obeyed; the connection stays up", async () => {
    expect((await client.search({ text: term("PS1") })).ids).toEqual([]);
    expect((await client.search({ text: term("PS2") })).ids).toEqual([]);
    expect(transcript.join("\n")).toContain("TEXT {19+}");
    expect(client.usable).toBe(true);
    expect((await client.search({ all: true })).ids).toHaveLength(120);
  });
});

describe("STORE, COPY, MOVE, EXPUNGE", () => {
  const box = `${root}/store`;
  const target = `${root}/target`;

  beforeAll(async () => {
    await client.createMailbox(box);
    await client.createMailbox(target);
    for (let i = 1; i <= 8; i++) await client.append(box, message({ subject: `s${i}` }));
    await client.select(box);
  });

  it("adds, removes and replaces flags; .SILENT returns nothing", async () => {
    const added = await client.addFlags([1, 2], ["\\Seen", "$Label1"], { byUid: true });
    expect(added.updated.map((u) => [u.uid, withoutRecent(u.flags)])).toEqual([
      [1, ["$Label1", "\\Seen"]],
      [2, ["$Label1", "\\Seen"]],
    ]);
    await client.removeFlags(1, ["$Label1"], { byUid: true });
    const replaced = await client.setFlags(2, ["\\Answered"], { byUid: true, silent: true });
    // With CONDSTORE on, .SILENT still reports the new MODSEQ, never the flags (RFC 7162 3.1.3).
    expect(replaced.updated.map((u) => [u.uid, u.flags, typeof u.modseq])).toEqual([
      [2, undefined, "bigint"],
    ]);
    const flags = await client.fetch("1:2", { flags: true }, { byUid: true });
    expect(flags.map((f) => withoutRecent(f.flags))).toEqual([["\\Seen"], ["\\Answered"]]);
  });

  it("UNCHANGEDSINCE refuses to change a message modified since, reporting MODIFIED", async () => {
    const [m] = await client.fetch(3, { modseq: true }, { byUid: true });
    const old = m!.modseq!;
    await client.addFlags(3, ["$Changed"], { byUid: true, silent: true });
    const result = await client.addFlags(3, ["\\Flagged"], { byUid: true, unchangedSince: old });
    expect(result.modified).toBe("3");
    const [after] = await client.fetch(3, { flags: true }, { byUid: true });
    expect(after!.flags).not.toContain("\\Flagged");
  });

  it("CHANGEDSINCE fetches only what changed", async () => {
    const all = await client.fetch("1:*", { modseq: true }, { byUid: true });
    let highest = 0n;
    for (const m of all) if (m.modseq! > highest) highest = m.modseq!;
    await client.addFlags(5, ["$Later"], { byUid: true, silent: true });
    const changed = await client.fetch(
      "1:*",
      { flags: true },
      { byUid: true, changedSince: highest },
    );
    expect(changed.map((c) => c.uid)).toEqual([5]);
  });

  it("rejects keywords that cannot be atoms before sending", async () => {
    await expect(client.addFlags(1, ["bad keyword"], { byUid: true })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
  });

  it("COPY reports COPYUID", async () => {
    const result = await client.copy([1, 2], target, { byUid: true });
    expect(result.uidValidity).toBeGreaterThan(0);
    expect([...result.uidMap]).toEqual([
      [1, 1],
      [2, 2],
    ]);
  });

  it("MOVE reports COPYUID and the expunges arrive as events", async () => {
    const expunged: number[] = [];
    const vanished: string[] = [];
    const off1 = client.on("expunge", (e) => expunged.push(e.seq));
    const off2 = client.on("vanished", (e) => vanished.push(e.uids));
    const before = client.mailbox!.exists;
    const result = await client.move(6, target, { byUid: true });
    off1();
    off2();
    expect([...result.uidMap]).toEqual([[6, 3]]);
    // QRESYNC is enabled, so Dovecot reports VANISHED rather than EXPUNGE (RFC 7162 3.2.10).
    expect(vanished).toEqual(["6"]);
    expect(expunged).toEqual([]);
    expect(client.mailbox!.exists).toBe(before - 1);
  });

  it("MOVE without the MOVE extension: COPY, STORE \\Deleted, UID EXPUNGE of exactly those UIDs", async () => {
    await client.addFlags(8, ["\\Deleted"], { byUid: true, silent: true });
    client.connection.capabilities.delete("MOVE");
    try {
      const result = await client.move(7, target, { byUid: true });
      expect([...result.uidMap]).toEqual([[7, 4]]);
    } finally {
      client.connection.capabilities.add("MOVE");
    }
    const left = await client.fetch("1:*", { flags: true }, { byUid: true });
    // UID 8 was \Deleted too but UID EXPUNGE left it alone.
    expect(left.map((m) => m.uid)).toEqual([1, 2, 3, 4, 5, 8]);
    expect(transcript.join("\n")).toMatch(
      /UID COPY 7 .*\n.*\n.*UID STORE 7 \+FLAGS\.SILENT \(\\Deleted\)[\s\S]*UID EXPUNGE 7/,
    );
  });

  it("MOVE without MOVE or UIDPLUS: COPY, STORE \\Deleted, then a plain EXPUNGE (which takes every \\Deleted)", async () => {
    await client.append(box, message({ subject: "s9" }));
    await client.append(box, message({ subject: "s10" }));
    await client.addFlags(10, ["\\Deleted"], { byUid: true, silent: true });
    client.connection.capabilities.delete("MOVE");
    client.connection.capabilities.delete("UIDPLUS");
    try {
      await client.move(9, target, { byUid: true });
    } finally {
      client.connection.capabilities.add("MOVE");
      client.connection.capabilities.add("UIDPLUS");
    }
    const uids = (await client.fetch("1:*", {}, { byUid: true })).map((m) => m.uid);
    // 9 moved; 10 and 8, merely \\Deleted, went too: the cost of having no UID EXPUNGE.
    expect(uids).toEqual([1, 2, 3, 4, 5]);
    expect(transcript.join("\n")).toMatch(
      /UID STORE 9 \+FLAGS\.SILENT \(\\Deleted\)\n[\s\S]*?C: A\d+ EXPUNGE\n/,
    );
  });

  it("EXPUNGE removes every \\Deleted message; UID EXPUNGE only the given ones", async () => {
    await client.addFlags([4, 5], ["\\Deleted"], { byUid: true, silent: true });
    const uidResult = await client.uidExpunge(4);
    expect(uidResult.vanished).toEqual(["4"]);
    const all = await client.expunge();
    // UID 8 (\\Deleted) already went with the plain EXPUNGE of the fallback above.
    expect(all.vanished).toEqual(["5"]);
    expect((await client.fetch("1:*", {}, { byUid: true })).map((m) => m.uid)).toEqual([1, 2, 3]);
  });
});
