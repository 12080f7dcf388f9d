import { describe, expect, it } from "vitest";
import { groupHeaderFields, HEADER_GROUP_ORDER, headerGroupOf } from "./header-groups.ts";
import { corpusHeaders } from "./testing/corpus-headers.ts";

const namesIn = (groups: ReturnType<typeof groupHeaderFields>, id: string) =>
  groups.find((g) => g.id === id)?.fields.map((f) => f.field.name) ?? [];

describe("headerGroupOf", () => {
  it("follows RFC 5322 section 3.6 and the documented additions", () => {
    expect(headerGroupOf("From")).toBe("originator");
    expect(headerGroupOf("reply-to")).toBe("originator");
    expect(headerGroupOf("BCC")).toBe("destination");
    expect(headerGroupOf("Date")).toBe("origination-date");
    expect(headerGroupOf("Keywords")).toBe("informational");
    expect(headerGroupOf("Comments")).toBe("informational");
    expect(headerGroupOf("In-Reply-To")).toBe("identification");
    expect(headerGroupOf("Resent-Sender")).toBe("resent");
    expect(headerGroupOf("Resent-Message-ID")).toBe("resent");
    expect(headerGroupOf("Return-Path")).toBe("trace");
    expect(headerGroupOf("X-Received")).toBe("trace");
    expect(headerGroupOf("Delivered-To")).toBe("trace");
    expect(headerGroupOf("authentication-RESULTS")).toBe("authentication");
    expect(headerGroupOf("ARC-Seal")).toBe("authentication");
    expect(headerGroupOf("ARC-Authentication-Results")).toBe("authentication");
    expect(headerGroupOf("DKIM-Signature")).toBe("authentication");
    expect(headerGroupOf("Received-SPF")).toBe("authentication");
    expect(headerGroupOf("Content-Length")).toBe("mime");
    expect(headerGroupOf("MIME-Version")).toBe("mime");
    expect(headerGroupOf("List-Id")).toBe("other");
    expect(headerGroupOf("X-Mailer")).toBe("other");
    expect(headerGroupOf("Receivedx")).toBe("other");
  });
});

describe("groupHeaderFields", () => {
  it("puts every field of a 58-field list message in exactly one group, keeping order", () => {
    const fields = corpusHeaders("notmuch-duplicate-msg-3-1_2.eml");
    const groups = groupHeaderFields(fields);
    const indices = groups.flatMap((g) => g.fields.map((f) => f.index)).sort((a, b) => a - b);
    expect(indices).toEqual(fields.map((_, i) => i));
    for (const group of groups) {
      const order = group.fields.map((f) => f.index);
      expect(order).toEqual([...order].sort((a, b) => a - b));
      for (const entry of group.fields) expect(entry.field).toBe(fields[entry.index]);
    }
    // Every group is present here, so the list is the fixed display order itself.
    expect(groups.map((g) => g.id)).toEqual([...HEADER_GROUP_ORDER]);
    expect(groups.map((g) => g.id)).toEqual([
      "originator",
      "destination",
      "origination-date",
      "informational",
      "identification",
      "mime",
      "authentication",
      "trace",
      "resent",
      "other",
    ]);
    expect(namesIn(groups, "originator")).toEqual(["From", "Reply-To", "Sender"]);
    expect(namesIn(groups, "identification")).toEqual(["References", "Message-ID"]);
    expect(namesIn(groups, "resent")).toEqual([
      "Resent-From",
      "Resent-To",
      "Resent-CC",
      "Resent-Date",
      "Resent-Message-ID",
    ]);
    const trace = namesIn(groups, "trace");
    expect(trace.slice(0, 3)).toEqual(["Return-path", "Envelope-to", "Delivery-date"]);
    expect(trace.filter((n) => n === "Received")).toHaveLength(10);
    expect(namesIn(groups, "authentication")).toEqual([
      "DKIM-Signature",
      "DKIM-Signature",
      "Received-SPF",
    ]);
    expect(namesIn(groups, "other")).toContain("List-Id");
    expect(groups.find((g) => g.id === "mime")?.label).toBe("MIME");
  });

  it("separates authentication from trace in an Exchange Online message", () => {
    const groups = groupHeaderFields(corpusHeaders("mimekit-messages-bounce.eml"));
    expect(namesIn(groups, "authentication")).toEqual([
      "Authentication-Results",
      "Received-SPF",
      "Authentication-Results-Original",
    ]);
    expect(namesIn(groups, "trace")).toEqual([
      "Received",
      "Received",
      "Received",
      "Received",
      "Received",
      "Received",
      "Return-Path",
    ]);
  });

  it("marks the second From of a message that has two", () => {
    const groups = groupHeaderFields(corpusHeaders("phpmmp-mails-m0016.eml"));
    const from = groups.find((g) => g.id === "originator")!.fields;
    expect(from.map((f) => [f.field.name, f.duplicate])).toEqual([
      ["From", false],
      ["From", true],
    ]);
    const others = groups.flatMap((g) => g.fields).filter((f) => f.field.name !== "From");
    expect(others.every((f) => !f.duplicate)).toBe(true);
  });

  it("does not mark repeated fields that RFC 5322 allows many times", () => {
    const groups = groupHeaderFields(corpusHeaders("notmuch-duplicate-msg-3-1_2.eml"));
    expect(groups.flatMap((g) => g.fields).filter((f) => f.duplicate)).toEqual([]);
  });
});
