import { describe, expect, it } from "vitest";
import { buildReply, describeReply, parseReplyLine } from "./reply.ts";
import { classifyReply } from "./smtp-error.ts";

const reply = (...lines: string[]) => buildReply(lines.map(parseReplyLine));

describe("SMTP replies", () => {
  it("reads a multi-line reply with its enhanced status", () => {
    const r = reply(
      "550-5.1.1 The email account that you tried to reach",
      "550 5.1.1 does not exist",
    );
    expect(r).toEqual({
      code: 550,
      enhanced: "5.1.1",
      lines: ["The email account that you tried to reach", "does not exist"],
      text: "The email account that you tried to reach\ndoes not exist",
    });
    expect(describeReply(r)).toBe(
      "550 5.1.1 The email account that you tried to reach / does not exist",
    );
  });

  it("accepts a bare code and a code without text", () => {
    expect(reply("250")).toMatchObject({ code: 250, lines: [""] });
    expect(parseReplyLine("354 ")).toEqual({ code: 354, last: true, text: "" });
  });

  it("ignores an enhanced status whose class disagrees with the code (RFC 3463 3.1)", () => {
    expect(reply("250 5.0.0 odd").enhanced).toBeUndefined();
    expect(reply("250 2.1.0 Ok").enhanced).toBe("2.1.0");
  });

  it("refuses what is not an SMTP reply", () => {
    for (const bad of ["hello", "25 short", "650 bad class", "250x", "+OK pop3"]) {
      expect(() => parseReplyLine(bad)).toThrow(expect.objectContaining({ code: "PROTOCOL" }));
    }
  });

  it("classifies failures by reply and step", () => {
    expect(classifyReply(reply("452 4.5.3 Too many recipients"), "rcpt")).toBe("SMTP_TRANSIENT");
    expect(classifyReply(reply("550 5.1.1 no such user"), "rcpt")).toBe("SMTP_PERMANENT");
    expect(classifyReply(reply("535 5.7.8 bad credentials"), "auth")).toBe("AUTH_FAILED");
    expect(classifyReply(reply("454 4.7.0 try later"), "auth")).toBe("SMTP_TRANSIENT");
    expect(classifyReply(reply("504 5.5.4 unknown mechanism"), "auth")).toBe("AUTH_UNAVAILABLE");
    expect(classifyReply(reply("530 5.7.0 STARTTLS first"), "auth")).toBe("PLAINTEXT_REFUSED");
    expect(classifyReply(reply("552 5.3.4 too big"), "mail")).toBe("SMTP_SIZE_EXCEEDED");
    expect(classifyReply(reply("552 too big"), "data-end")).toBe("SMTP_SIZE_EXCEEDED");
    expect(classifyReply(reply("552 5.2.2 mailbox full"), "data-end")).toBe("SMTP_PERMANENT");
    expect(classifyReply(reply("454 4.7.0 TLS not available"), "starttls")).toBe("STARTTLS_FAILED");
    expect(classifyReply(reply("421 4.3.2 shutting down"), "starttls")).toBe("SMTP_TRANSIENT");
  });
});
