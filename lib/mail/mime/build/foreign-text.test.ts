import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HOSTILE_DIR } from "../../../dev/shared-data.ts";
import { MailError } from "../../errors.ts";
import { buildMessageBytes } from "./build-message.ts";
import { foreignMailbox, oneLine } from "./foreign-text.ts";
import { decode2047 } from "./testing/reference-decoders.ts";

describe("oneLine / foreignMailbox", () => {
  it("turns controls and line separators into single spaces", () => {
    expect(oneLine(" a\r\nb\u0000c\td\u2028e  f ")).toBe("a b c d e f");
    expect(foreignMailbox({ name: "\r\n", address: "a@b.test" })).toEqual({ address: "a@b.test" });
  });

  it("p14: replying to a Reply-To whose name decodes to CRLF + Cc gives one To line, one recipient", async () => {
    const raw = readFileSync(`${HOSTILE_DIR}/p14-reply-injection-header-xss.eml`, "latin1");
    const field = /^Reply-To: (.*) <([^>]+)>$/m.exec(raw)!;
    const parent = { name: decode2047(field[1]!), address: field[2]! };
    expect(parent.name).toBe("Help\r\nCc: p14-cc@attacker.test");

    // Written as it came, the name is refused: the writer never strips.
    const refused = await buildMessageBytes({ from: "me@letterbox.test", to: [parent] }).catch(
      (e) => e,
    );
    expect(refused).toBeInstanceOf(MailError);
    expect((refused as MailError).code).toBe("HEADER_INJECTION");

    const reply = await buildMessageBytes({
      from: "me@letterbox.test",
      to: [foreignMailbox(parent)],
      text: "ok",
    });
    const head = Buffer.from(reply.bytes).toString("latin1").split("\r\n\r\n")[0]!;
    const fields = head.split(/\r\n(?![ \t])/);
    expect(fields.filter((f) => /^to:/i.test(f))).toEqual([
      'To: "Help Cc: p14-cc@attacker.test" <p14-reply@attacker.test>',
    ]);
    expect(fields.some((f) => /^(cc|bcc):/i.test(f))).toBe(false);
    expect(reply.envelope.to).toEqual(["p14-reply@attacker.test"]);
  });
});
