import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HOSTILE_DIR } from "../../../dev/shared-data.ts";
import { buildMessageBytes } from "./build-message.ts";
import { forwardSubject, replySubject } from "./subject-prefixes.ts";

describe("replySubject / forwardSubject", () => {
  it.each([
    ["Hello", "Re: Hello"],
    ["Re: Hello", "Re: Hello"],
    ["RE: re: Re:Hello", "Re: Hello"],
    ["AW: Re: SV: Antw: Hello", "Re: Hello"],
    ["Re[2]: Hello", "Re: Hello"],
    ["Re(3) : Hello", "Re: Hello"],
    ["RÉF : Bonjour", "Re: Bonjour"],
    ["回复：会议", "Re: 会议"],
    ["Fwd: Hello", "Re: Fwd: Hello"],
    ["[team] Re: Re: plan", "Re: [team] plan"],
    ["Regarding the plan", "Re: Regarding the plan"],
    ["Area: 51", "Re: Area: 51"],
    ["", "Re:"],
  ])("reply to %j is %j", (subject, expected) => {
    expect(replySubject(subject)).toBe(expected);
  });

  it.each([
    ["Hello", "Fwd: Hello"],
    ["Fwd: Hello", "Fwd: Hello"],
    ["FW: Fwd: WG: TR: Hello", "Fwd: Hello"],
    ["Re: Hello", "Fwd: Re: Hello"],
    ["Fwd[2]: Hello", "Fwd: Hello"],
    ["转发: 你好", "Fwd: 你好"],
  ])("forward of %j is %j", (subject, expected) => {
    expect(forwardSubject(subject)).toBe(expected);
  });

  it("turns line breaks and controls from a decoded subject into single spaces", () => {
    expect(replySubject("Minutes\r\nBcc: p14-bcc@attacker.test\r\nX-P14: 1")).toBe(
      "Re: Minutes Bcc: p14-bcc@attacker.test X-P14: 1",
    );
  });

  it("p14: a reply quoting the hostile subject stays one Subject line, no Bcc or X-P14", async () => {
    const raw = readFileSync(`${HOSTILE_DIR}/p14-reply-injection-header-xss.eml`, "latin1");
    const encoded = /^Subject: (.*)$/m.exec(raw)![1]!;
    // Decode the hostile subject the way any RFC 2047 decoder does.
    const decoded = encoded
      .replace(/\?=\s+=\?/g, "?==?")
      .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_, e: string, t: string) =>
        e.toUpperCase() === "B"
          ? Buffer.from(t, "base64").toString("utf8")
          : Buffer.from(
              t
                .replace(/_/g, " ")
                .replace(/=([0-9A-F]{2})/gi, (_m, h) =>
                  String.fromCharCode(Number.parseInt(h, 16)),
                ),
              "latin1",
            ).toString("utf8"),
      );
    expect(decoded).toContain("\r\nBcc:");
    const { bytes } = await buildMessageBytes({
      from: "me@letterbox.test",
      to: ["p14-reply@attacker.test"],
      subject: replySubject(decoded),
      text: "ok",
    });
    const head = Buffer.from(bytes).toString("latin1").split("\r\n\r\n")[0]!;
    const fields = head.split(/\r\n(?![ \t])/);
    expect(fields.filter((f) => /^subject:/i.test(f))).toHaveLength(1);
    expect(fields.some((f) => /^(bcc|x-p14|cc):/i.test(f))).toBe(false);
  });
});
