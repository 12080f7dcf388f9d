import type { PlainBlock } from "@/lib/view-models/message";

type Line = Extract<PlainBlock, { type: "text" }>["lines"][number];

function LineView({ line }: { line: Line }) {
  return (
    <>
      {line.map((piece, i) =>
        piece.type === "link" ? (
          <a
            // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one line never reorder
            key={i}
            href={piece.href}
            target="_blank"
            rel="noopener noreferrer"
            title={piece.href}
            className="text-accent-600 underline dark:text-accent-100"
          >
            {piece.text}
          </a>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one line never reorder
          <span key={i}>{piece.text}</span>
        ),
      )}
      {"\n"}
    </>
  );
}

function Blocks({ blocks }: { blocks: PlainBlock[] }) {
  return (
    <>
      {blocks.map((block, i) => {
        if (block.type === "quote") {
          const lines = countLines(block.blocks);
          return (
            <details
              // biome-ignore lint/suspicious/noArrayIndexKey: blocks are positional, never reordered
              key={i}
              open={block.depth > 1 || lines <= 12}
              className="my-1 border-l-2 border-accent-500/50 pl-3 text-zinc-600 dark:text-zinc-400"
            >
              <summary className="cursor-pointer list-none text-xs text-zinc-500 select-none [&::-webkit-details-marker]:hidden">
                Quoted text ({lines} line{lines === 1 ? "" : "s"})
              </summary>
              <Blocks blocks={block.blocks} />
            </details>
          );
        }
        return (
          <div
            // biome-ignore lint/suspicious/noArrayIndexKey: blocks are positional, never reordered
            key={i}
            className={block.type === "signature" ? "text-zinc-500" : undefined}
          >
            {block.lines.map((line, j) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
              <LineView key={j} line={line} />
            ))}
          </div>
        );
      })}
    </>
  );
}

function countLines(blocks: PlainBlock[]): number {
  return blocks.reduce(
    (n, b) => n + (b.type === "quote" ? countLines(b.blocks) : b.lines.length),
    0,
  );
}

/** A text/plain body: every string rendered as text, links made by the server's linkifier. */
export function PlainBody({ blocks }: { blocks: PlainBlock[] }) {
  return (
    <div className="px-5 py-4 font-mono text-sm leading-relaxed whitespace-pre-wrap break-words">
      <Blocks blocks={blocks} />
    </div>
  );
}
