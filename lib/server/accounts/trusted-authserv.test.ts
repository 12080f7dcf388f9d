import { describe, expect, it } from "vitest";
import { authservIdsText, parseAuthservIds, trustedAuthservIdsOf } from "./trusted-authserv.ts";

describe("parseAuthservIds", () => {
  it("reads names separated by commas, spaces or new lines, lower-cased and once each", () => {
    expect(
      parseAuthservIds(
        " MX.Example.com, mx2.example.com\nmx.example.com  spam_filter.example.net ",
      ),
    ).toEqual({
      ok: true,
      ids: ["mx.example.com", "mx2.example.com", "spam_filter.example.net"],
    });
  });

  it("treats an empty field as no list (the topmost field is trusted)", () => {
    expect(parseAuthservIds("  , ")).toEqual({ ok: true, ids: [] });
    expect(trustedAuthservIdsOf({ trustedAuthservIds: "" })).toBe("topmost");
  });

  it.each([
    "mx.example.com;dkim=pass",
    "mx\u0000.example.com",
    "-mx.example.com",
    "mx.example.com.",
    'a"b',
    "x".repeat(254),
  ])("refuses %j instead of trusting a part of it", (text) => {
    const result = parseAuthservIds(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/is not a server name/);
  });

  it("refuses more than ten names, saying how many were given", () => {
    const text = Array.from({ length: 11 }, (_, i) => `mx${i}.example.com`).join(",");
    expect(parseAuthservIds(text)).toEqual({
      ok: false,
      message: "Name at most 10 servers (you gave 11).",
    });
  });

  it("round-trips through the stored form", () => {
    const parsed = parseAuthservIds("mx.example.com, relay.example.com");
    if (!parsed.ok) throw new Error(parsed.message);
    expect(trustedAuthservIdsOf({ trustedAuthservIds: parsed.ids.join(" ") })).toEqual([
      "mx.example.com",
      "relay.example.com",
    ]);
  });

  it("shows the stored list as the field holds it", () => {
    expect(authservIdsText({ trustedAuthservIds: "mx.example.com relay.example.com" })).toBe(
      "mx.example.com, relay.example.com",
    );
    expect(authservIdsText({ trustedAuthservIds: "" })).toBe("");
  });
});
