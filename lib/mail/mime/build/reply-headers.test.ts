import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CORPUS_DIR } from "../../../dev/shared-data.ts";
import { envelopeOf, parseMessage } from "../index.ts";
import { MAX_REFERENCES } from "./limits.ts";
import { isWritableId } from "./message-id.ts";
import { replyHeaders } from "./reply-headers.ts";

describe("replyHeaders (RFC 5322 section 3.6.4)", () => {
  it("uses the parent's References and Message-ID", () => {
    expect(
      replyHeaders({ messageId: "<c@x>", references: "<a@x> <b@x>", inReplyTo: "<b@x>" }),
    ).toEqual({ inReplyTo: "<c@x>", references: ["<a@x>", "<b@x>", "<c@x>"] });
  });

  it("falls back to a single In-Reply-To id when the parent has no References", () => {
    expect(replyHeaders({ messageId: "<c@x>", inReplyTo: "<b@x>" })).toEqual({
      inReplyTo: "<c@x>",
      references: ["<b@x>", "<c@x>"],
    });
    expect(replyHeaders({ messageId: "<c@x>", inReplyTo: "<a@x> <b@x>" })).toEqual({
      inReplyTo: "<c@x>",
      references: ["<c@x>"],
    });
  });

  it("has no In-Reply-To when the parent has no Message-ID", () => {
    expect(replyHeaders({ references: "<a@x>" })).toEqual({ references: ["<a@x>"] });
    expect(replyHeaders({})).toEqual({ references: [] });
  });

  it("takes only well-formed ids from hostile values, once each", () => {
    const result = replyHeaders({
      messageId: "<p14@hostile.letterbox.test>\r\nBcc: x@attacker.test",
      references: "junk <a@x> (comment <not id>) <a@x> <b@x>\r\nX: y <c d@x>",
    });
    expect(result).toEqual({
      inReplyTo: "<p14@hostile.letterbox.test>",
      references: ["<a@x>", "<b@x>", "<p14@hostile.letterbox.test>"],
    });
  });

  it("keeps the root and the newest ids of a long thread", () => {
    const refs = Array.from({ length: 100 }, (_, i) => `<m${i}@x>`).join(" ");
    const result = replyHeaders({ messageId: "<new@x>", references: refs });
    expect(result.references).toHaveLength(MAX_REFERENCES);
    expect(result.references[0]).toBe("<m0@x>");
    expect(result.references.at(-1)).toBe("<new@x>");
    expect(result.references.at(-2)).toBe("<m99@x>");
  });
});

describe("replyHeaders with the parser's envelope", () => {
  it("takes the bare ids envelopeOf gives, for every corpus message with threading headers", () => {
    const dir = `${CORPUS_DIR}/`;
    let checked = 0;
    for (const name of readdirSync(dir).filter((n) => n.endsWith(".eml"))) {
      const envelope = envelopeOf(parseMessage(readFileSync(`${dir}${name}`)).headers);
      if (!envelope.messageId || envelope.references.length === 0) continue;
      const reply = replyHeaders(envelope);
      const own = `<${envelope.messageId.replace(/\s+/g, "")}>`;
      if (!isWritableId(own)) continue;
      expect(reply.inReplyTo, name).toBe(own);
      expect(reply.references.at(-1), name).toBe(own);
      const parentRefs = envelope.references.map((id) => `<${id}>`).filter(isWritableId);
      expect(reply.references[0], name).toBe(parentRefs[0] === own ? own : parentRefs[0]);
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });

  it("accepts bare ids and raw values alike", () => {
    expect(replyHeaders({ messageId: "c@x", references: ["a@x", "<b@x>"] })).toEqual({
      inReplyTo: "<c@x>",
      references: ["<a@x>", "<b@x>", "<c@x>"],
    });
    expect(replyHeaders({ messageId: "c@x", references: "a@x b@x" })).toEqual({
      inReplyTo: "<c@x>",
      references: ["<a@x>", "<b@x>", "<c@x>"],
    });
  });
});
