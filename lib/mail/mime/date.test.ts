import { describe, expect, it } from "vitest";
import { formatUtc, parseDate } from "./date.ts";

const iso = (s: string) => formatUtc(parseDate(s).date);

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
