// Renders a text/plain body into blocks for the reader: format=flowed unwrapped (RFC 3676), quoted
// text grouped by depth so the UI can style and collapse it, signatures marked, URLs and addresses
// linked. The result is plain data: React renders every string as text, so no markup in a message
// can become markup in the page (no dangerouslySetInnerHTML anywhere on this path).

import { linkify, type PlainInline } from "./linkify.ts";
import { MAX_PLAIN_TEXT_CHARS, MAX_QUOTE_DEPTH } from "./render-limits.ts";

export type { PlainInline } from "./linkify.ts";

/** One line of text, as pieces (text and links). Render with `white-space: pre-wrap`. */
export type PlainLine = PlainInline[];

export type PlainBlock =
  /** Consecutive lines at one quote depth. */
  | { type: "text"; lines: PlainLine[] }
  /** Quoted text one level deeper than its parent (depth 1 = `>`). */
  | { type: "quote"; depth: number; blocks: PlainBlock[] }
  /** From the `-- ` separator line (included) to the end of its run of lines. */
  | { type: "signature"; lines: PlainLine[] };

export interface PlainTextOptions {
  /** Content-Type parameter format=flowed (RFC 3676). */
  flowed?: boolean;
  /** Content-Type parameter delsp=yes (RFC 3676 §4.2): soft line breaks were inserted spaces. */
  delSp?: boolean;
}

interface LogicalLine {
  depth: number;
  text: string;
}

// RFC 3676 §4.3: "-- " is the separator, and it is never a flowed line. Many mailers strip
// trailing spaces, so "--" alone counts too.
const isSignatureSeparator = (text: string) => text === "-- " || text === "--";

/** RFC 3676 §4.5: in flowed text the quote marks are `>` with no space between them. */
function flowedQuote(line: string): LogicalLine {
  let depth = 0;
  while (line.charCodeAt(depth) === 0x3e) depth++;
  let text = line.slice(depth);
  // §4.4 space-stuffing: one leading space was added by the sender; remove it.
  if (text.startsWith(" ")) text = text.slice(1);
  return { depth, text };
}

/** Plain (fixed) text: `>`, `> >` and `>>` prefixes, each mark optionally followed by a space. */
function fixedQuote(line: string): LogicalLine {
  const prefix = /^(?:> ?)+/.exec(line)?.[0] ?? "";
  let depth = 0;
  for (const ch of prefix) if (ch === ">") depth++;
  return { depth, text: line.slice(prefix.length) };
}

/**
 * RFC 3676 §4.2: a line ending in a space is soft-broken and joins the next one; with DelSp=yes
 * that space is the sender's and is removed. A flowed line followed by a line of another quote
 * depth ends its paragraph (§4.5), as does a signature separator.
 */
function unflow(lines: readonly LogicalLine[], delSp: boolean): LogicalLine[] {
  const out: LogicalLine[] = [];
  let open: LogicalLine | null = null;
  for (const line of lines) {
    if (open !== null && open.depth === line.depth && !isSignatureSeparator(line.text)) {
      open.text += line.text;
    } else {
      open = { depth: line.depth, text: line.text };
      out.push(open);
    }
    const soft = open.text.endsWith(" ") && !isSignatureSeparator(open.text);
    if (soft && delSp) open.text = open.text.slice(0, -1);
    if (!soft) open = null;
  }
  return out;
}

function buildBlocks(
  lines: readonly LogicalLine[],
  from: number,
  depth: number,
): [PlainBlock[], number] {
  const blocks: PlainBlock[] = [];
  let i = from;
  while (i < lines.length && lines[i]!.depth >= depth) {
    if (lines[i]!.depth > depth) {
      const [inner, next] = buildBlocks(lines, i, depth + 1);
      blocks.push({ type: "quote", depth: depth + 1, blocks: inner });
      i = next;
      continue;
    }
    const start = i;
    while (i < lines.length && lines[i]!.depth === depth) i++;
    const run = lines.slice(start, i);
    const separator = run.findIndex((line) => isSignatureSeparator(line.text));
    const body = separator === -1 ? run : run.slice(0, separator);
    if (body.length > 0) blocks.push({ type: "text", lines: body.map((l) => linkify(l.text)) });
    if (separator !== -1) {
      blocks.push({ type: "signature", lines: run.slice(separator).map((l) => linkify(l.text)) });
    }
  }
  return [blocks, i];
}

export function renderPlainText(text: string, options: PlainTextOptions = {}): PlainBlock[] {
  const input = text.length > MAX_PLAIN_TEXT_CHARS ? text.slice(0, MAX_PLAIN_TEXT_CHARS) : text;
  const rawLines = input.replace(/\r\n?/g, "\n").replace(/\n$/, "").split("\n");
  const flowed = options.flowed === true;
  let lines = rawLines.map(flowed ? flowedQuote : fixedQuote);
  if (flowed) lines = unflow(lines, options.delSp === true);
  for (const line of lines) line.depth = Math.min(line.depth, MAX_QUOTE_DEPTH);
  if (input === "") return [];
  return buildBlocks(lines, 0, 0)[0];
}
