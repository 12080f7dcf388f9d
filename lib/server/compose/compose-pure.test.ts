import { describe, expect, it } from "vitest";
import inputs from "../../../../shared/hostile-public/inputs.json";
import { attachmentEncodedSize } from "../../mail/mime/build/index.ts";
import { type ComposeInput, composeProblems } from "./compose-input.ts";
import { decodeDraftMeta, encodeDraftMeta } from "./draft-header.ts";
import { attribution, quoteText, signatureHtml, signatureText, textToHtml } from "./quote.ts";
import { replyRecipients } from "./recipients.ts";
import { encodedSize, largestFileThatFits, overBudgetMessage, sizeBudget } from "./size-budget.ts";

const compose = Object.fromEntries(inputs.compose_inputs.map((i) => [i.id, i.value]));

function form(over: Partial<ComposeInput> = {}): ComposeInput {
  return {
    accountId: "a",
    composeId: "compose-1",
    identityId: "account",
    to: [{ name: "", address: "bob@example.test" }],
    cc: [],
    bcc: [],
    subject: "Hello",
    format: "html",
    body: "<div>hi</div>",
    attachments: [],
    origin: null,
    inReplyTo: null,
    references: [],
    draftUid: null,
    ...over,
  };
}

describe("composeProblems", () => {
  it("accepts a plain message", () => {
    expect(composeProblems(form(), false)).toEqual([]);
  });

  it("PC2: refuses a subject with CRLF, naming the character, for sending and for drafts", () => {
    const input = form({ subject: compose.PC2! });
    for (const draft of [false, true]) {
      const problems = composeProblems(input, draft);
      expect(problems).toHaveLength(1);
      expect(problems[0]!.field).toBe("subject");
      expect(problems[0]!.message).toContain("line break (U+000D)");
    }
  });

  it("PC1: refuses an address carrying a line break and a header", () => {
    const problems = composeProblems(form({ to: [{ name: "", address: compose.PC1! }] }), false);
    expect(problems.map((p) => p.field)).toEqual(["to"]);
    expect(problems[0]!.message).toContain("line break (U+000A)");
    expect(problems[0]!.message).toContain("bob@letterbox.test⏎Cc: pc1@attacker.test");
  });

  it("refuses no recipients, invalid ones, and controls in names (NEL too)", () => {
    expect(composeProblems(form({ to: [] }), false)[0]!.message).toMatch(/at least one/);
    expect(composeProblems(form({ to: [] }), true)).toEqual([]);
    const bad = composeProblems(
      form({
        to: [{ name: "", address: "nobody" }],
        bcc: [{ name: "Eve\u0085Bcc: x@y", address: "eve@example.test" }],
      }),
      false,
    );
    expect(bad.map((p) => p.field)).toEqual(["to", "bcc"]);
    expect(bad[1]!.message).toContain("U+0085");
  });
});

describe("replyRecipients", () => {
  const self = new Set(["alice@example.test"]);
  const original = {
    from: [{ name: "Bob", address: "bob@example.test" }],
    replyTo: [],
    to: [
      { name: "Alice", address: "Alice@Example.test" },
      { name: "Carol", address: "carol@example.test" },
    ],
    cc: [
      { name: "Dave", address: "dave@example.test" },
      { name: "Bob again", address: "BOB@example.test" },
    ],
  };

  it("reply goes to From; reply all adds To and Cc without oneself or duplicates", () => {
    expect(replyRecipients(original, "reply", self).to.map((c) => c.address)).toEqual([
      "bob@example.test",
    ]);
    const all = replyRecipients(original, "reply-all", self);
    expect(all.to.map((c) => c.address)).toEqual(["bob@example.test", "carol@example.test"]);
    expect(all.cc.map((c) => c.address)).toEqual(["dave@example.test"]);
  });

  it("honours Reply-To, and answers one's own message to its recipients", () => {
    const withReplyTo = { ...original, replyTo: [{ name: "List", address: "list@example.test" }] };
    expect(replyRecipients(withReplyTo, "reply", self).to.map((c) => c.address)).toEqual([
      "list@example.test",
    ]);
    const own = { ...original, from: [{ name: "Alice", address: "alice@example.test" }] };
    expect(replyRecipients(own, "reply", self).to.map((c) => c.address)).toEqual([
      "carol@example.test",
    ]);
  });

  it("p14: a Reply-To name with decoded CRLF becomes one line; a broken address stays, invalid", () => {
    const hostile = {
      ...original,
      replyTo: [{ name: "Help\r\nCc: p14-cc@attacker.test", address: "p14-reply@attacker.test" }],
    };
    const [chip] = replyRecipients(hostile, "reply", self).to;
    expect(chip).toEqual({
      name: "Help Cc: p14-cc@attacker.test",
      address: "p14-reply@attacker.test",
      valid: true,
      reason: null,
    });
    const broken = { ...original, from: [{ name: "", address: "not an address" }] };
    expect(replyRecipients(broken, "reply", self).to[0]!.valid).toBe(false);
  });
});

describe("quoting", () => {
  it("quotes lines RFC 3676 style and escapes text as HTML", () => {
    expect(quoteText("a\n\n> b\nc\n\n")).toBe("> a\n>\n>> b\n> c");
    expect(textToHtml("<b>&\n\nx")).toBe("<div>&lt;b&gt;&amp;</div><div><br></div><div>x</div>");
  });

  it("writes the attribution with the sender on one line", () => {
    expect(
      attribution(new Date("2026-11-21T09:00:00Z"), { name: "Bob\r\nBcc: x", address: "b@x.test" }),
    ).toBe("On Sat, 21 Nov 2026 09:00:00 UTC, Bob Bcc: x <b@x.test> wrote:");
  });

  it("separates the signature with '-- '", () => {
    expect(signatureText("Alice\n")).toBe("-- \nAlice");
    expect(signatureHtml("Alice")).toBe("<div>--&nbsp;</div><div>Alice</div>");
    expect(signatureText("  ")).toBe("");
  });
});

describe("draft metadata", () => {
  it("round-trips, in short space-separated chunks", () => {
    const meta = {
      format: "plain" as const,
      identityId: "id1",
      bcc: [{ name: 'Dävé, "the" one', address: "dave@example.test" }],
      invalid: [{ field: "to" as const, name: "", address: "not-yet" }],
      origin: { mode: "reply" as const, mailbox: "Archive/2026 ✓", uid: 7, part: "" },
    };
    const encoded = encodeDraftMeta(meta);
    expect(encoded.split(" ").every((chunk) => chunk.length <= 64)).toBe(true);
    expect(decodeDraftMeta(encoded)).toEqual(meta);
  });

  it("ignores another program's header of the same name", () => {
    expect(decodeDraftMeta("hello world")).toBeNull();
    expect(decodeDraftMeta(Buffer.from('{"v":2}').toString("base64url"))).toBeNull();
    expect(decodeDraftMeta(null)).toBeNull();
  });
});

describe("size budget", () => {
  it("computes base64 sizes exactly as the MIME builder does", () => {
    for (const n of [0, 1, 2, 3, 56, 57, 58, 114, 1000, 8 * 1024 * 1024, 12_345_677]) {
      expect(encodedSize(n), String(n)).toBe(attachmentEncodedSize(n));
    }
  });

  it("takes the smaller of SIZE and the app's limit, and finds the largest file that fits", () => {
    const budget = sizeBudget(31_457_280);
    expect(budget.limit).toBe(31_457_280);
    expect(sizeBudget(null).limit).toBe(budget.appLimit);
    const used = 11_000_000;
    const largest = largestFileThatFits(budget, used);
    expect(encodedSize(largest) + 512 + used).toBeLessThanOrEqual(budget.limit);
    expect(encodedSize(largest + 3) + 512 + used).toBeGreaterThan(budget.limit);
  });

  it("says every number when a file does not fit", () => {
    const message = overBudgetMessage("big.bin", 25_000_000, 11_000_000, sizeBudget(31_457_280));
    expect(message).toBe(
      "big.bin (25.0 MB, 34.2 MB encoded) would make the message 45.2 MB, but the mail server accepts at most 31.5 MB. 20.5 MB is left.",
    );
  });
});
