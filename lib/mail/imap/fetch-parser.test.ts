import { describe, expect, it } from "vitest";
import { formatInternalDate, parseFetch, parseInternalDate } from "./fetch-parser.ts";
import { StreamedLiteral } from "./framer.ts";
import { parse } from "./testing/bytes-source.ts";

async function fetchOf(text: string) {
  const response = await parse(text);
  if (response.type !== "untagged" || response.data.type !== "fetch") throw new Error();
  return parseFetch(response.data.seq, response.data.items);
}

describe("FETCH items", () => {
  it("UID, FLAGS, INTERNALDATE, RFC822.SIZE, MODSEQ, PREVIEW", async () => {
    const r = await fetchOf(
      '* 7 FETCH (UID 42 FLAGS (\\Seen $Label1) INTERNALDATE "17-Jul-1996 02:44:25 -0700" RFC822.SIZE 4286 MODSEQ (12121231000) PREVIEW "Hello there")\r\n',
    );
    expect(r).toMatchObject({
      seq: 7,
      uid: 42,
      flags: ["\\Seen", "$Label1"],
      internalDate: new Date("1996-07-17T09:44:25Z"),
      size: 4286,
      modseq: 12121231000n,
      preview: "Hello there",
    });
  });

  it("PREVIEW NIL and the draft's (FUZZY ...) form", async () => {
    expect((await fetchOf("* 1 FETCH (PREVIEW NIL)\r\n")).preview).toBeNull();
    expect((await fetchOf('* 1 FETCH (PREVIEW (FUZZY "snip"))\r\n')).preview).toBe("snip");
  });

  it("body sections keyed by section text, with partial origins", async () => {
    const r = await fetchOf(
      "* 1 FETCH (BODY[HEADER.FIELDS (FROM SUBJECT)] {11}\r\nFrom: a\r\n\r\n BODY[]<0> {3}\r\nabc BODY[2.1] NIL)\r\n",
    );
    expect(r.sections.get("HEADER.FIELDS (FROM SUBJECT)")).toEqual({
      data: Buffer.from("From: a\r\n\r\n"),
      origin: null,
    });
    expect(r.sections.get("")).toEqual({ data: Buffer.from("abc"), origin: 0 });
    expect(r.sections.get("2.1")).toEqual({ data: null, origin: null });
  });

  it("a body sent as a quoted string, and lower-case keys from a lax server", async () => {
    const r = await fetchOf('* 1 FETCH (body[text] "hi" uid 3)\r\n');
    expect(r.sections.get("TEXT")!.data).toEqual(Buffer.from("hi"));
    expect(r.uid).toBe(3);
  });

  it("BINARY, literal8 and BINARY.SIZE", async () => {
    const r = await fetchOf("* 1 FETCH (BINARY[1] ~{2}\r\n\0\u0001 BINARY.SIZE[1] 2)\r\n");
    expect([...(r.binary.get("1")!.data as Buffer)]).toEqual([0, 1]);
    expect(r.binarySize.get("1")).toBe(2);
  });

  it("a streamed section keeps its marker", async () => {
    const response = await parse("* 1 FETCH (UID 2 BODY[] {4}\r\nabcd)\r\n");
    if (response.type !== "untagged" || response.data.type !== "fetch") throw new Error();
    const items = [...response.data.items];
    items[3] = new StreamedLiteral(4);
    expect(parseFetch(1, items).sections.get("")!.data).toEqual(new StreamedLiteral(4));
  });
});

describe("internal dates", () => {
  it("parses space-padded days and offsets; formats in UTC", () => {
    expect(parseInternalDate(" 4-Jul-2024 10:00:00 +0200")?.toISOString()).toBe(
      "2024-07-04T08:00:00.000Z",
    );
    expect(parseInternalDate("garbage")).toBeNull();
    expect(formatInternalDate(new Date("2024-07-04T08:00:09Z"))).toBe("04-Jul-2024 08:00:09 +0000");
  });
});
