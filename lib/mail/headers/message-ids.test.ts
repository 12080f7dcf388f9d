import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fieldsNamed } from "./header-field";
import { HEADER_ANALYSIS_LIMITS } from "./limits";
import { parseMessageId, parseMessageIds } from "./message-ids";
import { CORPUS_DIR, corpusHeaders } from "./testing/corpus-headers";

const idsOf = (file: string, name: string) =>
  fieldsNamed(corpusHeaders(file), name).map((f) => parseMessageIds(f.value));

describe("parseMessageIds", () => {
  it("reads References as ids without brackets, in order", () => {
    expect(parseMessageIds("<a@example.com> <b@example.com>\t<c@example.com>")).toEqual([
      "a@example.com",
      "b@example.com",
      "c@example.com",
    ]);
    expect(parseMessageIds("<a@x><b@x>")).toEqual(["a@x", "b@x"]);
    expect(parseMessageIds("<a@x>, <b@x>")).toEqual(["a@x", "b@x"]);
  });

  it("drops duplicates, comments, and white space inside the brackets", () => {
    expect(parseMessageIds("<a@x> (first) <b@x> <a@x>")).toEqual(["a@x", "b@x"]);
    expect(parseMessageIds("<a(comment)@x>")).toEqual(["a@x"]);
    // mimekit-mbox-content-length-006.eml: "<9209252113.AA00975@ ebony >"
    expect(idsOf("mimekit-mbox-content-length-006.eml", "message-id")).toEqual([
      ["9209252113.AA00975@ebony"],
    ]);
  });

  it("keeps only the id of an RFC 822 In-Reply-To with a phrase", () => {
    // notmuch-04_2.eml: "<id> (Lars Kellogg-Stedman's message of "Tue, 17 Nov 2009 ...")"
    expect(idsOf("notmuch-04_2.eml", "in-reply-to")).toEqual([
      ["20091117190054.GU3165@dottiness.seas.harvard.edu"],
    ]);
    expect(parseMessageIds('Your message of "Mon, 1 Jan 2024" <x@y.example>')).toEqual([
      "x@y.example",
    ]);
  });

  it("reads ids written without brackets", () => {
    expect(idsOf("rubymail-plain_emails-mix_caps_content_type.eml", "message-id")).toEqual([
      ["201002191008.30117.foo.bar@company.com"],
    ]);
    // mime4j twopart: "Message-ID: 102.10200000000105" (one word, no "@")
    expect(idsOf("mime4j-mimetools-testmsgs-twopart.eml", "message-id")).toEqual([
      ["102.10200000000105"],
    ]);
    expect(parseMessageIds("a@x b@y")).toEqual(["a@x", "b@y"]);
    expect(parseMessageIds("some words here")).toEqual([]);
  });

  it("drops an id cut short before its '>'", () => {
    // The second References field's last id continues on a line that is not folded.
    expect(
      idsOf("rubymail-error_emails-multiple_references_with_one_invalid.eml", "references"),
    ).toEqual([["foo@bar.net"], ["baz@bar.net"]]);
  });

  it("caps the number of ids and their length", () => {
    const many = Array.from({ length: 5_000 }, (_, i) => `<${i}@x>`).join(" ");
    expect(parseMessageIds(many)).toHaveLength(HEADER_ANALYSIS_LIMITS.maxMessageIds);
    expect(parseMessageIds(`<${"a".repeat(2_000)}@x> <ok@x>`)).toEqual(["ok@x"]);
  });

  it("parseMessageId gives the first id or null", () => {
    expect(parseMessageId(" <m@x> ")).toBe("m@x");
    expect(parseMessageId("")).toBeNull();
  });

  // The corpus oracle keeps the raw Message-ID; for every well-formed one, the id we read is
  // that text without its brackets.
  it("agrees with the oracle's Message-ID on every well-formed one in the corpus", () => {
    let compared = 0;
    for (const file of readdirSync(CORPUS_DIR).filter((f) => f.endsWith(".eml"))) {
      const json = path.join(CORPUS_DIR, "expected", file.replace(/\.eml$/, ".json"));
      const expected = JSON.parse(readFileSync(json, "utf8")).headers?.message_id;
      if (typeof expected !== "string" || !/^<[^<>\s()]+>$/.test(expected.trim())) continue;
      const field = fieldsNamed(corpusHeaders(file), "message-id")[0];
      expect(field, file).toBeDefined();
      expect(parseMessageId(field!.value), file).toBe(expected.trim().slice(1, -1));
      compared++;
    }
    expect(compared).toBeGreaterThan(600);
  });
});
