import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { htmlToText } from "./html-to-text.ts";

function text(html: string): string {
  const { document } = new JSDOM("<!doctype html><body></body>").window;
  document.body.innerHTML = html;
  return htmlToText(document.body);
}

describe("htmlToText", () => {
  it("turns the editor's lines (div per line, br for empty ones) into lines", () => {
    expect(text("<div>Hello Bob,</div><div><br></div><div>See you <b>soon</b>.</div>")).toBe(
      "Hello Bob,\n\nSee you soon.",
    );
    expect(text("first<br>second<br><br>fourth")).toBe("first\nsecond\n\nfourth");
  });

  it("keeps a blank line between paragraphs, none at the ends", () => {
    expect(text("<p>one</p><p>two</p>")).toBe("one\n\ntwo");
    expect(text("<div><br></div><p>x</p><div><br></div>")).toBe("\n\nx");
  });

  it("writes lists with markers and nested indentation", () => {
    const html =
      "<ul><li>apples</li><li>pears<ol><li>conference</li><li>comice</li></ol></li></ul>";
    expect(text(html)).toBe("- apples\n- pears\n  1. conference\n  2. comice");
    expect(text('<ol start="3"><li>c</li><li>d</li></ol>')).toBe("3. c\n4. d");
  });

  it("writes links as text <url>, and a bare url once", () => {
    expect(text('Read <a href="https://example.test/a">the notes</a> now')).toBe(
      "Read the notes <https://example.test/a> now",
    );
    expect(text('<a href="https://example.test/">https://example.test/</a>')).toBe(
      "https://example.test/",
    );
    expect(text('<a href="mailto:bob@example.test">bob@example.test</a>')).toBe("bob@example.test");
  });

  it("quotes blockquotes with > at every depth", () => {
    const html =
      '<div>Reply</div><div>On Monday Bob wrote:</div><blockquote type="cite"><div>line 1</div><div>line 2</div><blockquote><div>older</div></blockquote></blockquote>';
    expect(text(html)).toBe("Reply\nOn Monday Bob wrote:\n> line 1\n> line 2\n> > older");
  });

  it("keeps the signature separator's trailing space and <pre> as it is", () => {
    expect(text("<div>Thanks</div><div>--&nbsp;</div><div>Alice</div>")).toBe("Thanks\n-- \nAlice");
    expect(text("<pre>a  b\n  c</pre>")).toBe("a  b\n  c");
  });

  it("collapses whitespace like a browser and keeps image alt text", () => {
    expect(text("<div>  many \n  spaces  </div>")).toBe("many spaces");
    expect(text('<div>logo: <img src="cid:x" alt="Logo"></div>')).toBe("logo: [Logo]");
  });

  it("puts table cells on their row's line", () => {
    expect(text("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>")).toBe(
      "a b\nc d",
    );
  });
});
