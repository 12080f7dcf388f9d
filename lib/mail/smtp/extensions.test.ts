import { describe, expect, it } from "vitest";
import { parseEhloReply, withoutExtensions } from "./extensions.ts";
import { buildReply, parseReplyLine } from "./reply.ts";

// Postfix 3.7's submission EHLO reply after STARTTLS, as the local stack sends it, plus the
// old "AUTH=" spelling some servers repeat it in.
const POSTFIX = [
  "250-mx.example.test",
  "250-PIPELINING",
  "250-SIZE 31457280",
  "250-VRFY",
  "250-ETRN",
  "250-AUTH PLAIN LOGIN CRAM-MD5",
  "250-AUTH=PLAIN LOGIN",
  "250-ENHANCEDSTATUSCODES",
  "250-8BITMIME",
  "250-DSN",
  "250-SMTPUTF8",
  "250 CHUNKING",
];

describe("EHLO capabilities", () => {
  it("parses every extension the client uses", () => {
    const caps = parseEhloReply(buildReply(POSTFIX.map(parseReplyLine)), "EHLO");
    expect(caps).toMatchObject({
      serverName: "mx.example.test",
      size: 31457280,
      pipelining: true,
      auth: ["PLAIN", "LOGIN", "CRAM-MD5"],
      enhancedStatusCodes: true,
      eightBitMime: true,
      dsn: true,
      smtpUtf8: true,
      chunking: true,
      startTls: false,
      binaryMime: false,
    });
    expect(caps.extensions.get("ETRN")).toEqual([]);
  });

  it("reads SIZE without a number as offered without a limit, and is case-insensitive", () => {
    const caps = parseEhloReply(
      buildReply(
        ["250-x", "250-size", "250-starttls", "250 auth xoauth2 plain"].map(parseReplyLine),
      ),
      "EHLO",
    );
    expect(caps.size).toBe(0);
    expect(caps.startTls).toBe(true);
    expect(caps.auth).toEqual(["XOAUTH2", "PLAIN"]);
  });

  it("can act as if extensions were not offered", () => {
    const caps = parseEhloReply(buildReply(POSTFIX.map(parseReplyLine)), "EHLO");
    const off = withoutExtensions(caps, ["CHUNKING", "PIPELINING", "SIZE"]);
    expect(off).toMatchObject({ chunking: false, pipelining: false, size: undefined, dsn: true });
  });
});
