import { describe, expect, it } from "vitest";
import { parseEnvelope } from "./envelope.ts";
import { parseFetch } from "./fetch-parser.ts";
import { parse } from "./testing/bytes-source.ts";

async function envelopeOf(text: string | Buffer) {
  const response = await parse(text);
  if (response.type !== "untagged" || response.data.type !== "fetch") throw new Error();
  return parseFetch(response.data.seq, response.data.items).envelope!;
}

describe("ENVELOPE", () => {
  it("parses RFC 3501's example", async () => {
    const env = await envelopeOf(
      '* 12 FETCH (ENVELOPE ("Wed, 17 Jul 1996 02:23:25 -0700 (PDT)" "IMAP4rev1 WG mtg summary and minutes" (("Terry Gray" NIL "gray" "cac.washington.edu")) (("Terry Gray" NIL "gray" "cac.washington.edu")) (("Terry Gray" NIL "gray" "cac.washington.edu")) ((NIL NIL "imap" "cac.washington.edu")) ((NIL NIL "minutes" "CNRI.Reston.VA.US")("John Klensin" NIL "KLENSIN" "MIT.EDU")) NIL NIL "<B27397-0100000@cac.washington.edu>"))\r\n',
    );
    expect(env).toEqual({
      date: new Date("1996-07-17T09:23:25Z"),
      dateRaw: "Wed, 17 Jul 1996 02:23:25 -0700 (PDT)",
      subject: "IMAP4rev1 WG mtg summary and minutes",
      from: [{ name: "Terry Gray", address: "gray@cac.washington.edu" }],
      sender: [{ name: "Terry Gray", address: "gray@cac.washington.edu" }],
      replyTo: [{ name: "Terry Gray", address: "gray@cac.washington.edu" }],
      to: [{ name: null, address: "imap@cac.washington.edu" }],
      cc: [
        { name: null, address: "minutes@CNRI.Reston.VA.US" },
        { name: "John Klensin", address: "KLENSIN@MIT.EDU" },
      ],
      bcc: [],
      inReplyTo: null,
      messageId: "<B27397-0100000@cac.washington.edu>",
    });
  });

  it("decodes RFC 2047 in subject and names; groups flattened; empty groups dropped", async () => {
    const env = await envelopeOf(
      '* 1 FETCH (ENVELOPE (NIL "=?UTF-8?B?w6l0w6k=?= =?UTF-8?Q?_=C3=A0_Paris?=" (("=?iso-8859-1?q?Andr=E9?=" NIL "andre" "x.fr")) NIL NIL ((NIL NIL "team" NIL)("A" NIL "a" "t.io")(NIL NIL "b" "t.io")(NIL NIL NIL NIL)(NIL NIL "undisclosed-recipients" NIL)(NIL NIL NIL NIL)) NIL NIL NIL NIL))\r\n',
    );
    expect(env.subject).toBe("été à Paris");
    expect(env.from).toEqual([{ name: "André", address: "andre@x.fr" }]);
    expect(env.to).toEqual([
      { name: "A", address: "a@t.io", group: "team" },
      { name: null, address: "b@t.io", group: "team" },
    ]);
  });

  it("reads literals (Dovecot sends 8-bit headers as literals): UTF-8, else windows-1252", async () => {
    const utf8 = Buffer.from("Grüße", "utf8");
    const cp1252 = Buffer.from([0x93, 0x71, 0x94, 0x20, 0x80]);
    const data = Buffer.concat([
      Buffer.from(`* 1 FETCH (ENVELOPE (NIL {${utf8.length}}\r\n`),
      utf8,
      Buffer.from(` (({${cp1252.length}}\r\n`),
      cp1252,
      Buffer.from(' NIL "x" "y")) NIL NIL NIL NIL NIL NIL NIL))\r\n'),
    ]);
    const env = await envelopeOf(data);
    expect(env.subject).toBe("Grüße");
    expect(env.from[0]!.name).toBe("\u201cq\u201d \u20ac");
  });

  it("keeps a mailbox without a host (Dovecot's .MISSING-HOST-NAME.)", () => {
    const env = parseEnvelope([
      null,
      null,
      [[null, null, "root", ".MISSING-HOST-NAME."]],
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(env!.from).toEqual([{ name: null, address: "root" }]);
  });

  it("returns null for NIL", () => {
    expect(parseEnvelope(null)).toBeNull();
  });
});

describe("header dates (lib/mail/mime's date reader)", () => {
  const dateOf = (raw: string | null) =>
    parseEnvelope([raw, null, null, null, null, null, null, null, null, null])!.date;

  it.each([
    ["Tue, 1 Jul 2003 10:52:37 +0200", "2003-07-01T08:52:37.000Z"],
    ["1 Jul 2003 10:52 -0000", "2003-07-01T10:52:00.000Z"],
    ["Mon, 02 Jan 99 00:00:00 EST", "1999-01-02T05:00:00.000Z"],
    ["Fri, 20 Apr 2001 20:18:00 -0400 (EDT)", "2001-04-21T00:18:00.000Z"],
    // Read as the MIME parser reads them: zones it knows beyond RFC 5322's, 12-hour clocks.
    ["Fri, 13 Dec 1996 15:02:27 Pacific Standard Time", "1996-12-13T23:02:27.000Z"],
    ["Wed, 19 Jun 96 18:12 MES", "1996-06-19T16:12:00.000Z"],
    ["18 Feb 01 12:29:13 AM", "2001-02-18T00:29:13.000Z"],
    ["Thu, 029 Apr 2011 23:34:45 +0900 (JST)", "2011-04-29T14:34:45.000Z"],
  ])("%s", (raw, iso) => {
    expect(dateOf(raw)?.toISOString()).toBe(iso);
  });

  it("gives null for nonsense", () => {
    expect(dateOf("yesterday")).toBeNull();
    expect(dateOf("31 Feb 2001 10:00:00 +0000")).toBeNull();
    expect(dateOf(null)).toBeNull();
  });
});

describe("encoded words in envelopes (lib/mail/mime's decoder)", () => {
  const subject = (raw: string) =>
    parseEnvelope([null, raw, null, null, null, null, null, null, null, null])!.subject;

  it("joins a UTF-8 character split across two words", () => {
    expect(subject("=?utf-8?B?4oI=?= =?utf-8?B?rA==?=")).toBe("€");
  });

  it("keeps text between words that is not only white space", () => {
    expect(subject("=?utf-8?q?a?= and =?utf-8?q?b?=")).toBe("a and b");
  });

  it("maps iso-8859-1 0x80–0x9F as windows-1252, as mail clients do", () => {
    expect(subject("=?iso-8859-1?q?=93x=94?=")).toBe("\u201cx\u201d");
  });

  it("decodes legacy CJK charsets", () => {
    expect(subject("=?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=")).toBe("日本語");
  });
});

describe("envelope text from hostile encoded words", () => {
  it("keeps a subject with encoded CR LF on one line (p14)", () => {
    const envelope = parseEnvelope([
      null,
      "=?UTF-8?Q?Minutes=0D=0ABcc:_p14-bcc@attacker.test?=",
      [["=?UTF-8?Q?Eve=0D=0AX-Evil:_1?=", null, "eve", "attacker.test"]],
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(envelope?.subject).toBe("Minutes Bcc: p14-bcc@attacker.test");
    expect(envelope?.from[0]?.name).toBe("Eve X-Evil: 1");
  });
});
