import { describe, expect, it } from "vitest";
import { parseCapabilities } from "./capabilities.ts";
import { apopTimestamp, parseStatusLine } from "./response.ts";

describe("POP3 status lines", () => {
  it("splits the RFC 2449 response code from the text", () => {
    expect(parseStatusLine("-ERR [SYS/TEMP] Mailbox temporarily unavailable")).toEqual({
      kind: "err",
      text: "Mailbox temporarily unavailable",
      responseCode: "SYS/TEMP",
    });
    expect(parseStatusLine("+OK")).toEqual({ kind: "ok", text: "" });
    expect(parseStatusLine("+ ")).toEqual({ kind: "continue", text: "" });
    expect(parseStatusLine("-ERR [in-use] locked").kind).toBe("err");
  });

  it("refuses lines that are not POP3", () => {
    for (const bad of ["OK", "+OKAY", "* OK", "220 smtp", ""]) {
      expect(() => parseStatusLine(bad), bad).toThrow(
        expect.objectContaining({ code: "PROTOCOL" }),
      );
    }
  });

  it("finds the APOP timestamp of RFC 1939 section 7", () => {
    expect(apopTimestamp("POP3 server ready <1896.697170952@dbc.mtview.ca.us>")).toBe(
      "<1896.697170952@dbc.mtview.ca.us>",
    );
    expect(apopTimestamp("Dovecot ready.")).toBeUndefined();
  });

  it("parses CAPA, and a server without it", () => {
    const caps = parseCapabilities([
      "CAPA",
      "TOP",
      "UIDL",
      "RESP-CODES",
      "SASL PLAIN login",
      "LOGIN-DELAY 900",
      "STLS",
    ]);
    expect(caps).toMatchObject({
      known: true,
      top: true,
      uidl: true,
      respCodes: true,
      sasl: ["PLAIN", "LOGIN"],
      loginDelay: 900,
      stls: true,
      user: false,
    });
    expect(parseCapabilities(null)).toMatchObject({ known: false, top: false, sasl: [] });
  });
});
