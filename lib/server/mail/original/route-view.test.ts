import { describe, expect, it } from "vitest";
import { parseMessage } from "../../../mail/mime/index.ts";
import type { HopView } from "./original-view.ts";
import { delayLabel, formatDuration, routeView, timelineEntries } from "./route-view.ts";

const fields = (lines: string[]) =>
  parseMessage(Buffer.from(`${lines.join("\r\n")}\r\n\r\n`)).headers.fields;

describe("formatDuration", () => {
  it("reads in the two largest units", () => {
    expect(formatDuration(0)).toBe("0 s");
    expect(formatDuration(400)).toBe("0.4 s");
    expect(formatDuration(1000)).toBe("1 s");
    expect(formatDuration(12_400)).toBe("12 s");
    expect(formatDuration(252_000)).toBe("4 min 12 s");
    expect(formatDuration(3_600_000)).toBe("1 h");
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000 + 7000)).toBe("2 h 5 min");
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe("3 d 4 h");
  });

  it("keeps the sign of a negative duration", () => {
    expect(formatDuration(-3000)).toBe("\u22123 s");
    expect(formatDuration(-61_000)).toBe("\u22121 min 1 s");
  });
});

describe("delayLabel", () => {
  it("labels clock skew as such, and says nothing without a delay", () => {
    expect(delayLabel({ delayMs: 252_000, clockSkew: false })).toBe("+4 min 12 s");
    expect(delayLabel({ delayMs: -3000, clockSkew: true })).toBe("\u22123 s (clock skew)");
    expect(delayLabel({ delayMs: null, clockSkew: false })).toBe("");
  });
});

describe("routeView", () => {
  const header = fields([
    "Return-Path: <a@origin.example>",
    "Received: from mx.b.example ([127.0.0.1]) by mail.b.example with LMTP id Q1 for <bob@b.example>; Mon, 3 Feb 2025 10:05:00 +0000",
    "Received: from relay.example (relay.example [192.0.2.9]) by mx.b.example (Postfix) with ESMTPS id 4Z for <bob@b.example>; Mon, 3 Feb 2025 10:04:57 +0000",
    "Received: from pc.origin.example (pc.origin.example [10.0.0.5]) by relay.example with ESMTPSA id r1; Mon, 3 Feb 2025 10:05:10 +0000",
    "Received: from [10.0.0.5] by pc.origin.example with HTTP; Mon, 3 Feb 2025 10:00:00 +0000",
    "Date: Mon, 3 Feb 2025 09:59:59 +0000",
  ]);

  it("lists hops origin first with their clauses, delays, the slowest and clock skew", () => {
    const route = routeView(header);
    expect(route.hops.map((h) => h.by?.host)).toEqual([
      "pc.origin.example",
      "relay.example",
      "mx.b.example",
      "mail.b.example",
    ]);
    expect(route.hops.map((h) => h.delayMs)).toEqual([null, 310_000, -13_000, 3000]);
    expect(route.hops.map((h) => h.slowest)).toEqual([false, true, false, false]);
    expect(route.hops.map((h) => h.clockSkew)).toEqual([false, false, true, false]);
    const last = route.hops[3]!;
    expect(last).toMatchObject({
      step: 3,
      fieldIndex: 1,
      with: "LMTP",
      id: "Q1",
      for: "bob@b.example",
      time: "2025-02-03T10:05:00.000Z",
    });
    expect(route.hops[2]!.from).toEqual({
      helo: "relay.example",
      host: "relay.example",
      ip: "192.0.2.9",
    });
    expect(route.transitMs).toBe(300_000);
    expect(route.sinceDateMs).toBe(301_000);
    expect(route.origin).toMatchObject({ ip: "10.0.0.5", envelopeFrom: "a@origin.example" });
  });

  it("is JSON-safe: absent clauses are left out, not undefined", () => {
    const route = routeView(header);
    expect(JSON.parse(JSON.stringify(route.hops))).toEqual(route.hops);
    expect("via" in route.hops[0]!).toBe(false);
  });

  it("is empty without Received fields", () => {
    expect(routeView(fields(["Subject: hi"]))).toEqual({
      hops: [],
      transitMs: null,
      sinceDateMs: null,
      origin: null,
    });
  });
});

describe("timelineEntries", () => {
  const hop = (step: number, slowest = false): HopView => ({
    step,
    fieldIndex: 99 - step,
    from: null,
    by: null,
    time: null,
    dateRaw: "",
    delayMs: null,
    slowest,
    clockSkew: false,
    raw: "",
  });

  it("draws every hop of a real route", () => {
    const hops = [0, 1, 2].map((i) => hop(i));
    expect(timelineEntries(hops, 4)).toEqual(hops.map((h) => ({ hop: h })));
  });

  it("keeps both ends and the slowest hop of a padded one, counting what it leaves out", () => {
    const hops = Array.from({ length: 100 }, (_, i) => hop(i, i === 50));
    const entries = timelineEntries(hops, 6);
    expect(entries.map((e) => ("hop" in e ? e.hop.step : `-${e.hidden}`))).toEqual([
      0,
      1,
      2,
      "-47",
      50,
      "-46",
      97,
      98,
      99,
    ]);
  });
});
