import { describe, expect, it } from "vitest";
import { codeBigInt, codeNumber } from "./response-parser.ts";
import { parse } from "./testing/bytes-source.ts";

async function untagged(text: string) {
  const response = await parse(text);
  if (response.type !== "untagged") throw new Error(`not untagged: ${text}`);
  return response.data;
}

describe("tagged and continuation responses", () => {
  it("parses a tagged OK with a response code and text", async () => {
    expect(await parse("A1 OK [READ-WRITE] SELECT completed\r\n")).toEqual({
      type: "tagged",
      tag: "A1",
      status: "OK",
      code: { name: "READ-WRITE", args: [] },
      text: "SELECT completed",
    });
  });

  it("parses NO and BAD, with and without text", async () => {
    expect(await parse("A2 NO [TRYCREATE] No such mailbox\r\n")).toMatchObject({
      status: "NO",
      code: { name: "TRYCREATE" },
      text: "No such mailbox",
    });
    expect(await parse("A3 BAD\r\n")).toMatchObject({ status: "BAD", code: null, text: "" });
  });

  it("keeps resp-text verbatim, even when it looks like syntax or ends in {5}", async () => {
    expect(await parse("A4 NO Mailbox doesn't exist: a\"b (c {5}\r\n")).toMatchObject({
      status: "NO",
      text: "Mailbox doesn't exist: a\"b (c {5}",
    });
  });

  it("parses continuations, with text, base64 or nothing", async () => {
    expect(await parse("+ idling\r\n")).toEqual({
      type: "continuation",
      code: null,
      text: "idling",
    });
    expect(await parse("+ \r\n")).toEqual({ type: "continuation", code: null, text: "" });
    expect(await parse("+\r\n")).toEqual({ type: "continuation", code: null, text: "" });
    expect(await parse("+ eyJzdGF0dXMiOiI0MDEifQ==\r\n")).toMatchObject({
      text: "eyJzdGF0dXMiOiI0MDEifQ==",
    });
  });

  it("refuses a tagged response whose status is not OK/NO/BAD", async () => {
    await expect(parse("A1 MAYBE fine\r\n")).rejects.toMatchObject({ code: "PROTOCOL" });
  });
});

describe("response codes", () => {
  it.each([
    ["ALERT", "* OK [ALERT] System shutdown in 10 minutes\r\n", []],
    ["UIDVALIDITY", "* OK [UIDVALIDITY 3857529045] UIDs valid\r\n", ["3857529045"]],
    ["UIDNEXT", "* OK [UIDNEXT 4392] Predicted next UID\r\n", ["4392"]],
    ["UNSEEN", "* OK [UNSEEN 12] Message 12 is first unseen\r\n", ["12"]],
    ["HIGHESTMODSEQ", "* OK [HIGHESTMODSEQ 715194045007] Highest\r\n", ["715194045007"]],
    [
      "PERMANENTFLAGS",
      "* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n",
      [["\\Deleted", "\\Seen", "\\*"]],
    ],
    ["APPENDUID", "A3 OK [APPENDUID 38505 3955] APPEND completed\r\n", ["38505", "3955"]],
    [
      "COPYUID",
      "A4 OK [COPYUID 38505 304,319:320 3956:3958] Done\r\n",
      ["38505", "304,319:320", "3956:3958"],
    ],
    ["TRYCREATE", "A5 NO [TRYCREATE] Mailbox doesn't exist\r\n", []],
    ["AUTHENTICATIONFAILED", "A6 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n", []],
    [
      "BADCHARSET",
      'A7 NO [BADCHARSET (UTF-8 "US-ASCII")] Unsupported\r\n',
      [["UTF-8", "US-ASCII"]],
    ],
    [
      "CAPABILITY",
      "* OK [CAPABILITY IMAP4rev1 IDLE AUTH=PLAIN] ready\r\n",
      ["IMAP4rev1", "IDLE", "AUTH=PLAIN"],
    ],
    ["MODIFIED", "A8 OK [MODIFIED 7,9] Conditional STORE failed\r\n", ["7,9"]],
  ])("%s", async (name, text, args) => {
    const response = await parse(text);
    const code =
      response.type === "untagged" && response.data.type === "status"
        ? response.data.code
        : "code" in response
          ? response.code
          : null;
    expect(code).toEqual({ name, args });
  });

  it("gives numeric helpers exact values, 64-bit ones as bigint", async () => {
    const response = await parse("* OK [HIGHESTMODSEQ 9007199254740993] x\r\n");
    if (response.type !== "untagged" || response.data.type !== "status") throw new Error();
    expect(codeBigInt(response.data.code)).toBe(9007199254740993n);
    expect(codeNumber({ name: "UIDNEXT", args: ["5"] })).toBe(5);
  });

  it("keeps an unknown code with free text as raw text instead of failing", async () => {
    const response = await parse('* NO [X-ODD it"s (strange] but fine\r\n');
    expect(response).toMatchObject({
      data: { code: { name: "X-ODD", args: ['it"s (strange'] }, text: "but fine" },
    });
  });
});

describe("untagged data", () => {
  it("status responses: OK, NO, BAD, BYE, PREAUTH", async () => {
    for (const status of ["OK", "NO", "BAD", "BYE", "PREAUTH"]) {
      expect(await untagged(`* ${status} words here\r\n`)).toEqual({
        type: "status",
        status,
        code: null,
        text: "words here",
      });
    }
  });

  it("CAPABILITY and ENABLED", async () => {
    expect(await untagged("* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED\r\n")).toEqual({
      type: "capability",
      capabilities: ["IMAP4rev1", "STARTTLS", "LOGINDISABLED"],
    });
    expect(await untagged("* ENABLED CONDSTORE QRESYNC\r\n")).toEqual({
      type: "enabled",
      capabilities: ["CONDSTORE", "QRESYNC"],
    });
  });

  it("EXISTS, RECENT, EXPUNGE, FLAGS", async () => {
    expect(await untagged("* 23 EXISTS\r\n")).toEqual({ type: "exists", count: 23 });
    expect(await untagged("* 5 RECENT\r\n")).toEqual({ type: "recent", count: 5 });
    expect(await untagged("* 44 EXPUNGE\r\n")).toEqual({ type: "expunge", seq: 44 });
    expect(await untagged("* FLAGS (\\Answered \\Flagged $Junk)\r\n")).toEqual({
      type: "flags",
      flags: ["\\Answered", "\\Flagged", "$Junk"],
    });
  });

  it("LIST with attributes, delimiter, quoted, literal and NIL-delimiter names, and extended data", async () => {
    expect(await untagged('* LIST (\\HasNoChildren \\Sent) "/" Sent\r\n')).toEqual({
      type: "list",
      data: {
        attributes: ["\\HasNoChildren", "\\Sent"],
        delimiter: "/",
        name: "Sent",
        extended: [],
      },
    });
    expect(
      await untagged('* LIST () "/" "Projects/2026 \\"Q1\\" &- &AOk-t&AOk-"\r\n'),
    ).toMatchObject({
      data: { name: 'Projects/2026 "Q1" &- &AOk-t&AOk-' },
    });
    expect(await untagged("* LIST () NIL {5}\r\na{b}c\r\n")).toMatchObject({
      data: { delimiter: null, name: "a{b}c" },
    });
    expect(
      await untagged('* LIST (\\Subscribed) "/" "Old" ("OLDNAME" ("Older"))\r\n'),
    ).toMatchObject({
      data: { extended: [["OLDNAME", ["Older"]]] },
    });
  });

  it("LSUB", async () => {
    expect(await untagged('* LSUB () "." #news.comp.mail.misc\r\n')).toMatchObject({
      type: "lsub",
      data: { name: "#news.comp.mail.misc" },
    });
  });

  it("STATUS, with 64-bit HIGHESTMODSEQ", async () => {
    expect(
      await untagged(
        '* STATUS "blurdybloop" (MESSAGES 231 UIDNEXT 44292 HIGHESTMODSEQ 9007199254740993)\r\n',
      ),
    ).toEqual({
      type: "mailbox-status",
      mailbox: "blurdybloop",
      items: new Map([
        ["MESSAGES", 231n],
        ["UIDNEXT", 44292n],
        ["HIGHESTMODSEQ", 9007199254740993n],
      ]),
    });
  });

  it("SEARCH, empty SEARCH, SEARCH with MODSEQ, SORT", async () => {
    expect(await untagged("* SEARCH 2 84 882\r\n")).toEqual({
      type: "search",
      ids: [2, 84, 882],
      modseq: null,
    });
    expect(await untagged("* SEARCH\r\n")).toEqual({ type: "search", ids: [], modseq: null });
    expect(await untagged("* SEARCH 2 5 (MODSEQ 917162500)\r\n")).toEqual({
      type: "search",
      ids: [2, 5],
      modseq: 917162500n,
    });
    expect(await untagged("* SORT 5 3 4 1 2\r\n")).toEqual({ type: "sort", ids: [5, 3, 4, 1, 2] });
  });

  it("ESEARCH", async () => {
    expect(
      await untagged('* ESEARCH (TAG "A282") UID MIN 2 MAX 47 COUNT 3 ALL 2,10:11\r\n'),
    ).toEqual({
      type: "esearch",
      data: { tag: "A282", uid: true, min: 2, max: 47, count: 3, all: "2,10:11" },
    });
    expect(await untagged('* ESEARCH (TAG "A1")\r\n')).toEqual({
      type: "esearch",
      data: { tag: "A1", uid: false },
    });
  });

  it("VANISHED and VANISHED (EARLIER)", async () => {
    expect(await untagged("* VANISHED 405,407,410:425\r\n")).toEqual({
      type: "vanished",
      earlier: false,
      uids: "405,407,410:425",
    });
    expect(await untagged("* VANISHED (EARLIER) 41,43:116\r\n")).toEqual({
      type: "vanished",
      earlier: true,
      uids: "41,43:116",
    });
  });

  it("NAMESPACE", async () => {
    expect(
      await untagged('* NAMESPACE (("" "/")) (("~" "/")) (("#shared/" "/")("#public/" "/"))\r\n'),
    ).toEqual({
      type: "namespace",
      personal: [{ prefix: "", delimiter: "/" }],
      other: [{ prefix: "~", delimiter: "/" }],
      shared: [
        { prefix: "#shared/", delimiter: "/" },
        { prefix: "#public/", delimiter: "/" },
      ],
    });
    expect(await untagged('* NAMESPACE (("" "/")) NIL NIL\r\n')).toMatchObject({
      other: [],
      shared: [],
    });
  });

  it("ID", async () => {
    expect(await untagged('* ID ("name" "Dovecot" "Version" NIL)\r\n')).toEqual({
      type: "id",
      params: { name: "Dovecot", version: null },
    });
    expect(await untagged("* ID NIL\r\n")).toEqual({ type: "id", params: null });
  });

  it("FETCH keeps its items as a raw list, literals as bytes", async () => {
    expect(await untagged("* 12 FETCH (UID 7 FLAGS (\\Seen) BODY[] {3}\r\nabc)\r\n")).toEqual({
      type: "fetch",
      seq: 12,
      items: ["UID", "7", "FLAGS", ["\\Seen"], "BODY[]", Buffer.from("abc")],
    });
  });

  it("unknown responses are kept, not dropped", async () => {
    expect(await untagged('* XAPPLEPUSHSERVICE "aps-version" "2"\r\n')).toEqual({
      type: "other",
      name: "XAPPLEPUSHSERVICE",
      values: ["aps-version", "2"],
    });
    expect(await untagged("* 3 XFOO bar\r\n")).toEqual({
      type: "other",
      name: "XFOO",
      values: ["3", "bar"],
    });
  });
});
