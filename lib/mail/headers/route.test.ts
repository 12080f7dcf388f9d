import { describe, expect, it } from "vitest";
import type { HeaderFieldInput } from "./header-field.ts";
import { buildRoute } from "./route.ts";
import { corpusHeaders } from "./testing/corpus-headers.ts";

const times = (route: ReturnType<typeof buildRoute>) =>
  route.hops.map((hop) => hop.time?.toISOString() ?? null);

describe("buildRoute on real messages", () => {
  it("Gmail, 3 hops: submission, MX, internal delivery", () => {
    const route = buildRoute(corpusHeaders("mailpit-testdata-plain-text.eml"));
    expect(route.hops.map((h) => h.received.by?.host ?? h.received.by?.ip)).toEqual([
      "smtp.gmail.com",
      "mx.google.com",
      "2002:a0c:fe87:0:0:0:0:0",
    ]);
    expect(times(route)).toEqual([
      "2022-07-27T03:45:06.000Z",
      "2022-07-27T03:45:07.000Z",
      "2022-07-27T03:45:20.000Z",
    ]);
    expect(route.hops.map((h) => h.delayMs)).toEqual([null, 1_000, 13_000]);
    expect(route.slowest).toBe(2);
    expect(route.hops.map((h) => h.slowest)).toEqual([false, false, true]);
    expect(route.transitMs).toBe(14_000);
    // Date: Wed, 27 Jul 2022 15:44:41 +1200 = 03:44:41Z; delivered 03:45:20Z.
    expect(route.date?.toISOString()).toBe("2022-07-27T03:44:41.000Z");
    expect(route.sinceDateMs).toBe(39_000);
    expect(route.origin).toEqual({
      step: 0,
      helo: "localhost.localhost",
      ip: "8.8.8.8",
      envelopeFrom: "sender@example.com", // from Return-Path: no Received comment names it
    });
    // fieldIndex points back into the header block, where the newest hop is the topmost.
    const fields = corpusHeaders("mailpit-testdata-plain-text.eml");
    for (const hop of route.hops) expect(fields[hop.fieldIndex]?.name).toBe("Received");
    expect(route.hops[2]!.fieldIndex).toBeLessThan(route.hops[0]!.fieldIndex);
  });

  it("Debian lists, 10 hops through Fastmail, debbugs, alioth and Exim relays, with 1 s of skew", () => {
    const route = buildRoute(corpusHeaders("notmuch-duplicate-msg-3-1_2.eml"));
    expect(route.hops).toHaveLength(10);
    expect(route.hops[0]!.received.by?.host).toBe("compute3.internal");
    expect(route.hops[9]!.received.by?.host).toBe("fethera.tethera.net");
    // Fastmail's internal clocks: compute3 stamped 13:25:31 -0500, mailout 13:25:30 -0500.
    expect(route.hops.map((h) => h.delayMs)).toEqual([
      null,
      -1_000,
      2_000,
      1_000,
      89_000,
      1_000,
      2_000,
      1_000,
      2_000,
      3_000,
    ]);
    expect(route.hops.map((h) => h.clockSkew)).toEqual([
      false,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    // The debbugs spool (Received: via spool by 916805-submit@bugs.debian.org) held it 89 s.
    expect(route.slowest).toBe(4);
    expect(route.hops[4]!.received.via).toBe("spool");
    expect(route.transitMs).toBe(100_000);
    expect(route.sinceDateMs).toBe(105_000);
    expect(route.origin).toMatchObject({ step: 0, helo: "mailfrontend1", ip: "10.202.2.162" });
    // The earliest envelope sender a Received comment gives (Exim at buxtehude, hop 2).
    expect(route.origin?.envelopeFrom).toBe("spwhitton@spwhitton.name");
  });

  it("Bugzilla through Sendmail and Exim, 4 hops: a hop that arrived 1 s before it left", () => {
    const route = buildRoute(corpusHeaders("thunderbird-data-bugmail7.eml"));
    expect(times(route)).toEqual([
      "2008-05-07T21:55:10.000Z", // (from root@localhost) by mrapp51, 14:55:10 -0700
      "2008-05-07T21:55:10.000Z", // by webapp-out.mozilla.org, 14:55:10 -0700
      "2008-05-07T21:55:09.000Z", // by host29.example.com (Exim), 15:55:09 -0600
      "2008-05-07T21:55:21.000Z", // local delivery, 15:55:21 -0600
    ]);
    expect(route.hops.map((h) => h.delayMs)).toEqual([null, 0, -1_000, 12_000]);
    expect(route.hops[2]!.clockSkew).toBe(true);
    expect(route.hops[2]!.slowest).toBe(false);
    expect(route.slowest).toBe(3);
    expect(route.transitMs).toBe(11_000);
    expect(route.sinceDateMs).toBe(11_000);
    // Hop 0 has only a comment "(from root@localhost)": the origin is hop 1's sender.
    expect(route.origin).toEqual({
      step: 1,
      helo: "mrapp51.mozilla.org",
      host: "mrapp51.mozilla.org",
      ip: "127.0.0.1",
      envelopeFrom: "bugzilla-daemon@mozilla.org",
    });
    expect(route.hops[2]!.received.tls).toBe("TLSv1:AES256-SHA:256");
  });

  it("Postfix bounce relayed through Proofpoint into Exchange Online, 6 hops", () => {
    const route = buildRoute(corpusHeaders("mimekit-messages-bounce.eml"));
    expect(route.hops).toHaveLength(6);
    expect(route.hops[0]!.received.by?.host).toBe("hmail.jitbit.com");
    expect(route.hops[1]!.received.from).toEqual({
      helo: "hmail.jitbit.com",
      host: "hmail.jitbit.com",
      ip: "52.4.102.94",
    });
    expect(route.hops.map((h) => h.delayMs)).toEqual([null, 0, 3_000, 0, 0, 1_000]);
    expect(route.slowest).toBe(2);
    expect(route.transitMs).toBe(4_000);
    expect(route.hops.some((h) => h.clockSkew)).toBe(false);
    expect(route.origin?.envelopeFrom).toBe(""); // Return-Path: <> (a bounce)
  });

  // Constructed from a real message: the test moves the mx.google.com hop's clock back one hour
  // (20:45:07 -> 19:45:07), as a server with a wrong clock would write it.
  it("shows a large negative delay as skew, unclamped, and keeps the totals signed", () => {
    const fields = corpusHeaders("mailpit-testdata-plain-text.eml").map((f): HeaderFieldInput => {
      if (f.name !== "Received" || !f.value.includes("by mx.google.com")) return f;
      const value = f.value.replace("20:45:07 -0700", "19:45:07 -0700");
      return { ...f, value };
    });
    const route = buildRoute(fields);
    expect(route.hops.map((h) => h.delayMs)).toEqual([null, -3_599_000, 3_613_000]);
    expect(route.hops.map((h) => h.clockSkew)).toEqual([false, true, false]);
    expect(route.slowest).toBe(2);
    expect(route.transitMs).toBe(14_000);
  });
});

describe("buildRoute edge cases", () => {
  const field = (name: string, value: string): HeaderFieldInput => ({
    name,
    raw: `${name}: ${value}`,
    value,
  });

  it("gives null delays around a hop without a time, and no slowest when none is positive", () => {
    const route = buildRoute([
      field("Received", "by c.example; Mon, 1 Jan 2024 10:00:00 +0000"),
      field("Received", "by b.example; no date here"),
      field("Received", "from x by a.example; Mon, 1 Jan 2024 10:00:00 +0000"),
    ]);
    expect(route.hops.map((h) => h.delayMs)).toEqual([null, null, null]);
    expect(route.slowest).toBeNull();
    expect(route.transitMs).toBe(0);
    expect(route.date).toBeNull();
    expect(route.sinceDateMs).toBeNull();
  });

  it("is empty without Received fields", () => {
    const route = buildRoute([field("From", "a@example.com")]);
    expect(route).toMatchObject({ hops: [], slowest: null, transitMs: null, origin: null });
  });

  it("has no transit time with a single timed hop", () => {
    const route = buildRoute([
      field("Received", "from x by a.example; Mon, 1 Jan 2024 10:00:05 +0000"),
      field("Date", "Mon, 1 Jan 2024 10:00:00 +0000"),
    ]);
    expect(route.transitMs).toBeNull();
    expect(route.sinceDateMs).toBe(5_000);
  });
});
