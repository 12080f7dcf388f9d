import { describe, expect, it } from "vitest";
import { formatListDate, formatSize } from "./list-date.ts";

const now = new Date("2026-11-23T15:00:00Z"); // a Monday
const opts = { now, timeZone: "UTC", locale: "en-GB" };

describe("list dates", () => {
  it("shows the time for today", () => {
    expect(formatListDate("2026-11-23T09:05:00Z", opts)).toBe("09:05");
  });
  it("shows the weekday within the last week", () => {
    expect(formatListDate("2026-11-20T09:05:00Z", opts)).toBe("Fri");
  });
  it("shows day and month this year, and the year before that", () => {
    expect(formatListDate("2026-03-02T09:05:00Z", opts)).toBe("2 Mar");
    expect(formatListDate("2025-11-22T09:05:00Z", opts)).toBe("22 Nov 2025");
  });
  it("decides 'today' in the reader's time zone, not the server's", () => {
    // 23:30 UTC on the 22nd is already the 23rd in Tokyo.
    const morning = { ...opts, now: new Date("2026-11-23T10:00:00Z") };
    expect(formatListDate("2026-11-22T23:30:00Z", { ...morning, timeZone: "Asia/Tokyo" })).toBe(
      "08:30",
    );
    expect(formatListDate("2026-11-22T23:30:00Z", morning)).toBe("Sun");
  });
  it("shows nothing for an unknown date", () => {
    expect(formatListDate("not a date", opts)).toBe("");
  });
  it("formats sizes", () => {
    expect(formatSize(512)).toBe("512 B");
    expect(formatSize(40_000)).toBe("39 KB");
    expect(formatSize(25 * 1024 * 1024)).toBe("25.0 MB");
  });
});
