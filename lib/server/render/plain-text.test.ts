import { describe, expect, it } from "vitest";
import { type PlainBlock, renderPlainText } from "./plain-text.ts";
import { corpusMessages } from "./testing/corpus.ts";

/** The blocks with each line's pieces joined back into text, for readable expectations. */
function shape(blocks: PlainBlock[]): unknown[] {
  return blocks.map((block) => {
    if (block.type === "quote") return { quote: block.depth, blocks: shape(block.blocks) };
    const lines = block.lines.map((line) => line.map((piece) => piece.text).join(""));
    return block.type === "signature" ? { signature: lines } : lines;
  });
}

describe("format=flowed (RFC 3676)", () => {
  it("joins soft-broken lines and keeps hard breaks", () => {
    const text =
      "This is a long \r\nparagraph that was \r\nwrapped.\r\nNew line.\r\n\r\nNext paragraph.\r\n";
    expect(shape(renderPlainText(text, { flowed: true }))).toEqual([
      ["This is a long paragraph that was wrapped.", "New line.", "", "Next paragraph."],
    ]);
  });

  it("with DelSp=yes removes the space that marked the soft break (§4.2)", () => {
    const text = "Donau\u00addampf \nschiff \nfahrt\nend";
    expect(shape(renderPlainText(text, { flowed: true, delSp: true }))).toEqual([
      ["Donau\u00addampfschifffahrt", "end"],
    ]);
    expect(shape(renderPlainText(text, { flowed: true, delSp: false }))).toEqual([
      ["Donau\u00addampf schiff fahrt", "end"],
    ]);
  });

  it("removes space-stuffing (§4.4) and reads quote depth without spaces between marks (§4.5)", () => {
    const text = ">> deep \n>> quote\n> shallow\n From here\n  indented";
    expect(shape(renderPlainText(text, { flowed: true }))).toEqual([
      { quote: 1, blocks: [{ quote: 2, blocks: [["deep quote"]] }, ["shallow"]] },
      ["From here", " indented"],
    ]);
  });

  it("does not join a flowed line to a line of another quote depth (§4.5)", () => {
    expect(shape(renderPlainText("> quoted and soft \nreply", { flowed: true }))).toEqual([
      { quote: 1, blocks: [["quoted and soft "]] },
      ["reply"],
    ]);
  });

  it("never treats the signature separator as flowed (§4.3)", () => {
    const text = "Thanks, \nJane\n-- \nJane Doe \nExample Corp";
    expect(shape(renderPlainText(text, { flowed: true }))).toEqual([
      ["Thanks, Jane"],
      { signature: ["-- ", "Jane Doe Example Corp"] },
    ]);
  });
});

describe("quotes and signatures in fixed text", () => {
  it("groups quoted lines by depth, with `>`, `> >` and `>>` prefixes", () => {
    const text = "On Monday, Bob wrote:\n> Hi\n> > earlier\n>> still earlier\n>\n> back\nMy answer";
    expect(shape(renderPlainText(text))).toEqual([
      ["On Monday, Bob wrote:"],
      {
        quote: 1,
        blocks: [["Hi"], { quote: 2, blocks: [["earlier", "still earlier"]] }, ["", "back"]],
      },
      ["My answer"],
    ]);
  });

  it("opens every level when the quote jumps several levels at once", () => {
    expect(shape(renderPlainText(">>> three"))).toEqual([
      { quote: 1, blocks: [{ quote: 2, blocks: [{ quote: 3, blocks: [["three"]] }] }] },
    ]);
  });

  it("marks signatures, including quoted ones and a separator stripped of its space", () => {
    const text = "Hi\n--\nMe\n> quoted\n> -- \n> Bob";
    expect(shape(renderPlainText(text))).toEqual([
      ["Hi"],
      { signature: ["--", "Me"] },
      { quote: 1, blocks: [["quoted"], { signature: ["-- ", "Bob"] }] },
    ]);
  });

  it("caps quote depth", () => {
    const blocks = renderPlainText(`${">".repeat(500)} deep`);
    let depth = 0;
    let current: PlainBlock | undefined = blocks[0];
    while (current?.type === "quote") {
      depth = current.depth;
      current = current.blocks[0];
    }
    expect(depth).toBe(24);
  });

  it("handles empty text and CR-only line ends", () => {
    expect(renderPlainText("")).toEqual([]);
    expect(shape(renderPlainText("a\rb\r"))).toEqual([["a", "b"]]);
  });
});

describe("links and escaping", () => {
  it("links URLs and addresses, and returns everything else as text pieces", () => {
    expect(renderPlainText("See https://example.com/x, or write to a@example.org.")).toEqual([
      {
        type: "text",
        lines: [
          [
            { type: "text", text: "See " },
            { type: "link", text: "https://example.com/x", href: "https://example.com/x" },
            { type: "text", text: ", or write to " },
            { type: "link", text: "a@example.org", href: "mailto:a@example.org" },
            { type: "text", text: "." },
          ],
        ],
      },
    ]);
  });

  it("keeps markup as literal text", () => {
    const text = "<script>alert(1)</script> & <b>bold</b>";
    expect(renderPlainText(text)).toEqual([{ type: "text", lines: [[{ type: "text", text }]] }]);
  });

  it("links a URL that format=flowed had wrapped over two lines", () => {
    const blocks = renderPlainText("Go to https://example.com/a-very-\nlong/path now", {
      flowed: true,
      delSp: true,
    });
    expect(blocks).toEqual([
      {
        type: "text",
        lines: [
          [
            { type: "text", text: "Go to " },
            {
              type: "link",
              text: "https://example.com/a-very-",
              href: "https://example.com/a-very-",
            },
          ],
          [{ type: "text", text: "long/path now" }],
        ],
      },
    ]);
    const soft = renderPlainText("Go to https://example.com/a-very- \nlong/path now", {
      flowed: true,
      delSp: true,
    });
    expect(soft[0]).toMatchObject({
      lines: [
        [
          { text: "Go to " },
          { type: "link", href: "https://example.com/a-very-long/path" },
          { text: " now" },
        ],
      ],
    });
  });
});

describe("the public corpus", () => {
  const texts = corpusMessages().flatMap((m) =>
    m.parts.filter((p) => p.contentType === "text/plain").map((p) => ({ name: m.file, ...p })),
  );
  const lines = (blocks: PlainBlock[]): string[] =>
    blocks.flatMap((b) =>
      b.type === "quote" ? lines(b.blocks) : b.lines.map((l) => l.map((p) => p.text).join("")),
    );
  // Quote marks and the spaces of stuffing, DelSp and line ends are the only characters dropped.
  const visible = (s: string) => s.replace(/[\s>]/g, "");

  it("renders every text/plain part without losing or inventing a character", () => {
    expect(texts.length).toBeGreaterThan(500);
    for (const part of texts) {
      const text = part.text!;
      const out = lines(renderPlainText(text, { flowed: part.flowed, delSp: part.delSp }));
      expect(visible(out.join("")), part.name).toBe(visible(text));
      if (!part.flowed && text !== "") {
        expect(out.length, part.name).toBe(
          text.replace(/\r\n?/g, "\n").replace(/\n$/, "").split("\n").length,
        );
      }
    }
  });
});
