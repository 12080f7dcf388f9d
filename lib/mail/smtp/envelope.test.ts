import { describe, expect, it } from "vitest";
import { type Envelope, planEnvelope } from "./envelope.ts";
import { parseEhloReply, type SmtpCapabilities } from "./extensions.ts";
import { buildReply, parseReplyLine } from "./reply.ts";

function capabilities(...extensions: string[]): SmtpCapabilities {
  const lines = ["mx.test", ...extensions];
  return parseEhloReply(
    buildReply(lines.map((l, i) => parseReplyLine(`250${i === lines.length - 1 ? " " : "-"}${l}`))),
    "EHLO",
  );
}

const full = capabilities("SIZE 1000", "8BITMIME", "SMTPUTF8", "PIPELINING");
const envelope: Envelope = { from: "a@example.test", to: ["b@example.test"] };

describe("planEnvelope", () => {
  it("writes MAIL FROM with SIZE= and BODY=8BITMIME only when they apply", () => {
    expect(planEnvelope(envelope, full, { size: 10, eightBit: false }).mailLine).toBe(
      "MAIL FROM:<a@example.test> SIZE=10",
    );
    expect(planEnvelope(envelope, full, { size: 10, eightBit: true }).mailLine).toBe(
      "MAIL FROM:<a@example.test> SIZE=10 BODY=8BITMIME",
    );
    // A stream of unknown content: 8BITMIME declared (harmless), SIZE left out.
    expect(planEnvelope(envelope, full, {}).mailLine).toBe(
      "MAIL FROM:<a@example.test> BODY=8BITMIME",
    );
    expect(planEnvelope(envelope, capabilities(), { size: 10, eightBit: false }).mailLine).toBe(
      "MAIL FROM:<a@example.test>",
    );
  });

  it("asks for SMTPUTF8 for a UTF-8 address or headers, and refuses it where not offered (RFC 6531)", () => {
    const utf8 = { from: "a@example.test", to: ["jörg@例え.test"] };
    expect(planEnvelope(utf8, full, { size: 10, eightBit: true }).mailLine).toBe(
      "MAIL FROM:<a@example.test> SIZE=10 BODY=8BITMIME SMTPUTF8",
    );
    expect(planEnvelope(envelope, full, { smtpUtf8: true, eightBit: true }).mailLine).toContain(
      "SMTPUTF8",
    );
    expect(() => planEnvelope(utf8, capabilities("8BITMIME"), {})).toThrow(
      expect.objectContaining({ code: "INVALID_ADDRESS" }),
    );
  });

  it("sends one RCPT per To, Cc and Bcc mailbox, duplicates once", () => {
    const plan = planEnvelope(
      {
        from: "",
        to: ["b@example.test", "c@example.test"],
        cc: ["B@example.test"],
        bcc: ["d@example.test"],
      },
      full,
      { size: 1, eightBit: false },
    );
    expect(plan.mailLine).toBe("MAIL FROM:<> SIZE=1");
    expect(plan.rcptLines).toEqual([
      "RCPT TO:<b@example.test>",
      "RCPT TO:<c@example.test>",
      "RCPT TO:<d@example.test>",
    ]);
  });

  it("refuses an envelope without recipients, a bad address anywhere, or a message over SIZE", () => {
    expect(() => planEnvelope({ from: "a@example.test" }, full, {})).toThrow(
      expect.objectContaining({ code: "INVALID_ADDRESS" }),
    );
    expect(() => planEnvelope({ ...envelope, bcc: ["x@y.test\r\nDATA"] }, full, {})).toThrow(
      expect.objectContaining({ code: "INVALID_ADDRESS" }),
    );
    expect(() => planEnvelope(envelope, full, { size: 1001 })).toThrow(
      expect.objectContaining({ code: "SMTP_SIZE_EXCEEDED" }),
    );
    expect(() => planEnvelope(envelope, capabilities(), { eightBit: true })).toThrow(
      expect.objectContaining({ code: "INVALID_INPUT" }),
    );
  });
});
