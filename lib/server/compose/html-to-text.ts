/**
 * The plain-text alternative of a composed HTML body (RFC 2046 section 5.1.4: the same content,
 * simpler), from the sanitized DOM: paragraphs and line breaks as lines, lists with "- " or
 * "1. ", quotes with "> " (RFC 3676 section 4.5 style), links as "text <url>", a horizontal
 * rule as a line of dashes. Whitespace collapses as the browser collapses it, except in <pre>;
 * a non-breaking space survives as a space, so the signature separator "-- " keeps its
 * trailing space. Works on any DOM (jsdom on the server, the page in the browser).
 */

const BLOCKS = new Set([
  "p",
  "div",
  "ul",
  "ol",
  "li",
  "blockquote",
  "pre",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "table",
  "thead",
  "tbody",
  "tfoot",
  "tr",
  "caption",
  "hr",
]);
/** Blocks with a margin in the editor: a blank line around them in text. */
const SPACED = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6", "table"]);

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;
const NBSP = "\u00a0";

class TextWriter {
  private readonly lines: string[] = [];
  private current = "";
  /** Prefix of every line started now: quote markers and list indentation. */
  private prefixes: string[] = [];
  /** A list item's marker, written once on its first line instead of its indentation. */
  private marker: string | null = null;
  private blankWanted = false;

  get atLineStart(): boolean {
    return this.current === "";
  }

  text(value: string, preformatted: boolean): void {
    if (preformatted) {
      const parts = value.split(/\r\n|\r|\n/);
      parts.forEach((part, i) => {
        if (i > 0) this.lineBreak();
        this.current += part;
      });
      return;
    }
    let collapsed = value.replace(/[ \t\r\n\f]+/g, " ");
    if (this.atLineStart || this.current.endsWith(" ")) collapsed = collapsed.replace(/^ /, "");
    this.current += collapsed;
  }

  /** <br>: end the line, even an empty one. */
  lineBreak(): void {
    this.flush(true);
  }

  /** A block starts or ends: end the line if it has text. */
  blockEdge(spaced: boolean): void {
    this.flush(false);
    if (spaced && this.lines.length > 0) this.blankWanted = true;
  }

  push(prefix: string): void {
    this.prefixes.push(prefix);
  }

  pop(): void {
    this.prefixes.pop();
  }

  listItem(marker: string): void {
    this.marker = marker;
  }

  private flush(always: boolean): void {
    const text = this.current.replace(/ +$/, "");
    if (text === "" && !always) {
      this.current = "";
      return;
    }
    if (this.blankWanted) {
      this.lines.push(
        this.prefixes
          .filter((p) => p.startsWith(">"))
          .join("")
          .trimEnd(),
      );
      this.blankWanted = false;
    }
    let prefix = this.prefixes.join("");
    if (this.marker !== null) {
      // The marker replaces the innermost indentation (same width) on the item's first line.
      const indent = this.prefixes[this.prefixes.length - 1] ?? "";
      prefix = prefix.slice(0, prefix.length - indent.length) + this.marker;
      this.marker = null;
    }
    this.lines.push((prefix + text).replace(/ +$/, (spaces) => (text === "" ? "" : spaces)));
    this.current = "";
  }

  finish(): string {
    this.flush(false);
    while (this.lines.length > 0 && this.lines[this.lines.length - 1]!.trim() === "") {
      this.lines.pop();
    }
    return this.lines.join("\n").replaceAll(NBSP, " ");
  }
}

interface DomNode {
  nodeType: number;
  nodeValue: string | null;
  childNodes: ArrayLike<DomNode>;
}
interface DomElement extends DomNode {
  tagName: string;
  getAttribute(name: string): string | null;
  textContent: string | null;
}

function linkSuffix(element: DomElement): string {
  const href = element.getAttribute("href")?.trim() ?? "";
  if (!href) return "";
  const text = (element.textContent ?? "").trim();
  const bare = href.replace(/^mailto:/i, "");
  if (text === href || text === bare || text === "") return text === "" ? href : "";
  return ` <${href}>`;
}

function walk(node: DomNode, out: TextWriter, pre: boolean): void {
  if (node.nodeType === TEXT_NODE) {
    out.text(node.nodeValue ?? "", pre);
    return;
  }
  if (node.nodeType !== ELEMENT_NODE) return;
  const element = node as DomElement;
  const tag = element.tagName.toLowerCase();
  if (tag === "br") {
    out.lineBreak();
    return;
  }
  if (tag === "hr") {
    out.blockEdge(false);
    out.text("----------", true);
    out.blockEdge(false);
    return;
  }
  if (tag === "img") {
    const alt = element.getAttribute("alt")?.trim();
    if (alt) out.text(`[${alt}]`, false);
    return;
  }
  // Cells of a row share its line, a space apart.
  if ((tag === "td" || tag === "th") && !out.atLineStart) out.text(" ", false);
  const block = BLOCKS.has(tag);
  const spaced = SPACED.has(tag);
  if (block) out.blockEdge(spaced);
  if (tag === "blockquote") out.push("> ");
  const ordered = tag === "ol";
  let index = ordered ? Number(element.getAttribute("start") ?? "1") || 1 : 0;
  for (const child of Array.from(node.childNodes)) {
    const childTag = child.nodeType === ELEMENT_NODE ? (child as DomElement).tagName : "";
    if ((tag === "ul" || ordered) && childTag.toLowerCase() === "li") {
      const marker = ordered ? `${index++}. ` : "- ";
      out.blockEdge(false);
      out.push(" ".repeat(marker.length));
      out.listItem(marker);
      walk(child, out, pre);
      out.blockEdge(false);
      out.pop();
      continue;
    }
    walk(child, out, pre || tag === "pre");
  }
  if (tag === "a") out.text(linkSuffix(element), false);
  if (tag === "blockquote") {
    out.blockEdge(false);
    out.pop();
  }
  if (block) out.blockEdge(spaced);
}

/** The text of `root`'s children, lines separated by "\n" (the builder makes them CRLF). */
export function htmlToText(root: DomNode): string {
  const out = new TextWriter();
  for (const child of Array.from(root.childNodes)) walk(child, out, false);
  return out.finish();
}
