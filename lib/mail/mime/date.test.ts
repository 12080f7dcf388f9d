import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS_DIR } from "../../dev/shared-data.ts";
import { formatUtc, parseDate } from "./date.ts";
import { parseMessage } from "./parser.ts";

const iso = (s: string | undefined) => formatUtc(parseDate(s).date);

describe("dates", () => {
  it("parses RFC 5322 dates to UTC", () => {
    expect(iso("Fri, 20 Apr 2001 20:18:00 -0400")).toBe("2001-04-21T00:18:00.000Z");
    expect(iso("20 Apr 2001 20:18 +0530")).toBe("2001-04-20T14:48:00.000Z");
  });

  it("understands named zones (RFC 5322 4.3) and common others", () => {
    expect(iso("Mon, 21 Aug 95 13:30:57 PDT")).toBe("1995-08-21T20:30:57.000Z");
    expect(iso("Thu, 18 Jun 1992 20:03:47 JST")).toBe("1992-06-18T11:03:47.000Z");
    expect(iso("Thu, 18 Jun 1992 20:03:47 CET")).toBe("1992-06-18T19:03:47.000Z");
    expect(iso("Thu, 18 Jun 1992 20:03:47 GMT")).toBe("1992-06-18T20:03:47.000Z");
  });

  it("applies the RFC 5322 two- and three-digit year rules", () => {
    expect(iso("1 Jan 49 00:00:00 +0000")).toBe("2049-01-01T00:00:00.000Z");
    expect(iso("1 Jan 50 00:00:00 +0000")).toBe("1950-01-01T00:00:00.000Z");
    expect(iso("1 Jan 101 00:00:00 +0000")).toBe("2001-01-01T00:00:00.000Z");
  });

  it("accepts obsolete and wild forms", () => {
    expect(iso("Fri, 20 Apr 2001 20:18:00 -0400 (EDT)")).toBe("2001-04-21T00:18:00.000Z");
    expect(iso("Mon, 21 Aug 95 13:30:57 -600")).toBe("1995-08-21T19:30:57.000Z");
    expect(iso("Fri Apr 20 20:18:00 2001")).toBe("2001-04-20T20:18:00.000Z");
    expect(iso("2007-11-09 18:37:09")).toBe("2007-11-09T18:37:09.000Z");
    expect(iso("2007-11-09T18:37:09+02:00")).toBe("2007-11-09T16:37:09.000Z");
    expect(iso("Friday, 20-Apr-2001 20.18.00 GMT")).toBe("2001-04-20T20:18:00.000Z");
    expect(parseDate("Fri, 20 Apr 2001 20:18:00").zoneAssumed).toBe(true);
  });

  it("says unknown rather than guess", () => {
    expect(iso("")).toBe("unknown");
    expect(iso("yesterday")).toBe("unknown");
    expect(iso("31 Feb 2001 10:00:00 +0000")).toBe("unknown");
    expect(iso("1 Foo 2001 10:00:00 +0000")).toBe("unknown");
    expect(iso("1 Jan 2001 25:00:00 +0000")).toBe("unknown");
  });
});

/** The dates of a corpus message's `name` fields: the value, or a Received's text after ";". */
function corpusDates(file: string, name: string): string[] {
  const message = parseMessage(readFileSync(path.join(CORPUS_DIR, file)));
  return message.headers
    .getAll(name)
    .map((field) =>
      (name === "received" ? field.raw.slice(field.raw.lastIndexOf(";") + 1) : field.raw).trim(),
    );
}

describe("dates the corpus has that were misread", () => {
  it("spelled-out North American zones (SLmail: Pacific Standard Time)", () => {
    const dates = corpusDates("mimekit-mbox-content-length-012.eml", "received");
    const slmail = dates.find((d) => d.endsWith("Standard Time"));
    expect(slmail).toBe("Fri, 13 Dec 1996 15:02:27 Pacific Standard Time");
    expect(iso(slmail)).toBe("1996-12-13T23:02:27.000Z");
    // The next hop, a sendmail with a numeric zone, is minutes away, not 8 hours.
    expect(dates[2]).toBe("Fri, 13 Dec 1996 15:00:03 -0800 (PST)");
    expect(iso(dates[2])).toBe("1996-12-13T23:00:03.000Z");
    expect(iso("Mon, 7 Jul 2003 10:00:00 Eastern Daylight Time")).toBe("2003-07-07T14:00:00.000Z");
    expect(iso("Mon, 7 Jul 2003 10:00:00 central standard time")).toBe("2003-07-07T16:00:00.000Z");
    expect(parseDate("Mon, 7 Jul 2003 10:00:00 Pacific Standard Time").zoneAssumed).toBe(false);
  });

  it("a 12-hour clock: 12:29:13 AM is 00:29:13", () => {
    const [date] = corpusDates("spamassassin-spam-hashbl.eml", "date");
    expect(date).toBe("18 Feb 01 12:29:13 AM");
    expect(iso(date)).toBe("2001-02-18T00:29:13.000Z");
    expect(parseDate(date!).zoneAssumed).toBe(true);
    expect(iso("18 Feb 2001 12:05 PM")).toBe("2001-02-18T12:05:00.000Z");
    expect(iso("18 Feb 2001 1:17 pm -0500")).toBe("2001-02-18T18:17:00.000Z");
    expect(iso("18 Feb 2001 11:00:00 a.m. GMT")).toBe("2001-02-18T11:00:00.000Z");
    expect(iso("18 Feb 2001 13:00 PM")).toBe("unknown");
    // "AMT" is a zone, not a 12-hour clock.
    expect(parseDate("18 Feb 2001 12:00 AMT").date?.getUTCHours()).toBe(12);
  });

  it("MES, the German Central European summer time (+0200)", () => {
    const dates = corpusDates("mime4j-mimetools-testmsgs-german.eml", "received");
    const mes = dates.find((d) => d.endsWith("MES"))!;
    expect(mes).toBe("Wed, 19 Jun 96 18:12 MES");
    expect(iso(mes)).toBe("1996-06-19T16:12:00.000Z");
  });

  it("a day with a leading zero too many (Barracuda: Thu, 029 Apr 2011)", () => {
    const dates = corpusDates("sisimai-bsd-lhost-barracuda-02.eml", "received");
    const odd = dates.find((d) => d.includes(" 029 "))!;
    expect(odd).toBe("Thu, 029 Apr 2011 23:34:45 +0900 (JST)");
    expect(iso(odd)).toBe("2011-04-29T14:34:45.000Z");
    expect(iso("Thu, 129 Apr 2011 23:34:45 +0900")).toBe("unknown");
  });

  it("skips nested comments whole", () => {
    expect(iso("Fri, 20 Apr 2001 20:18:00 (local (EDT)) -0400")).toBe("2001-04-21T00:18:00.000Z");
  });
});
