"use client";

import { useState } from "react";
import {
  activeCommands,
  type EditorCommand,
  insertLink,
  runCommand,
  selectionInside,
} from "./editor-commands.ts";

const BUTTONS: { command: EditorCommand; label: string; text: string; className?: string }[] = [
  { command: "bold", label: "Bold", text: "B", className: "font-bold" },
  { command: "italic", label: "Italic", text: "I", className: "italic" },
  { command: "ul", label: "Bulleted list", text: "•≡" },
  { command: "ol", label: "Numbered list", text: "1≡" },
  { command: "quote", label: "Quote", text: "❝" },
  { command: "clear", label: "Remove formatting", text: "T̸" },
];

const button =
  "min-w-8 rounded px-2 py-1 text-sm hover:bg-zinc-100 aria-pressed:bg-zinc-200 dark:hover:bg-zinc-800 dark:aria-pressed:bg-zinc-700";

/** Formatting buttons for the rich-text editor, and the small form that asks for a link. */
export function EditorToolbar({
  editor,
  active,
  onChange,
}: {
  editor: () => HTMLElement | null;
  active: Set<EditorCommand>;
  onChange: () => void;
}) {
  const [linking, setLinking] = useState<{ range: Range | null } | null>(null);
  const [url, setUrl] = useState("https://");
  const [error, setError] = useState<string | null>(null);

  const apply = () => {
    const root = editor();
    const href = url.trim();
    if (!/^(https?:\/\/\S+|mailto:\S+@\S+)$/i.test(href)) {
      setError("A link starts with https://, http:// or mailto:.");
      return;
    }
    if (root) insertLink(root, linking?.range ?? null, href);
    setLinking(null);
    setError(null);
    onChange();
  };

  return (
    <div className="border-b border-zinc-200 dark:border-zinc-800">
      <div role="toolbar" aria-label="Formatting" className="flex flex-wrap gap-1 px-2 py-1">
        {BUTTONS.map((b) => (
          <button
            key={b.command}
            type="button"
            aria-label={b.label}
            title={b.label}
            aria-pressed={b.command === "clear" ? undefined : active.has(b.command)}
            className={`${button} ${b.className ?? ""}`}
            // Keep the editor's selection: a mousedown on a button would otherwise move focus.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => {
              const root = editor();
              if (!root) return;
              runCommand(root, b.command);
              onChange();
            }}
          >
            {b.text}
          </button>
        ))}
        <button
          type="button"
          aria-label="Link"
          title="Link"
          className={button}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => {
            const root = editor();
            setLinking({ range: root ? (selectionInside(root)?.cloneRange() ?? null) : null });
            setUrl("https://");
          }}
        >
          <svg
            viewBox="0 0 24 24"
            width="1em"
            height="1em"
            fill="none"
            stroke="currentColor"
            strokeWidth={1.8}
            strokeLinecap="round"
            aria-hidden="true"
          >
            <path d="M10 14a4 4 0 005.7 0l3-3a4 4 0 00-5.7-5.7l-1 1" />
            <path d="M14 10a4 4 0 00-5.7 0l-3 3a4 4 0 005.7 5.7l1-1" />
          </svg>
        </button>
      </div>
      {linking && (
        // Not a <form>: it sits inside the composer's form, and forms cannot nest.
        <fieldset className="flex flex-wrap items-center gap-2 px-2 pb-2 text-sm">
          <legend className="sr-only">Insert link</legend>
          <label className="flex items-center gap-2">
            Link address
            <input
              // biome-ignore lint/a11y/noAutofocus: the form opens to type the address
              autoFocus
              value={url}
              onChange={(event) => setUrl(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === "Enter") {
                  event.preventDefault();
                  apply();
                } else if (event.key === "Escape") setLinking(null);
              }}
              className="w-72 rounded border border-zinc-300 bg-transparent px-2 py-1 dark:border-zinc-700"
            />
          </label>
          <button
            type="button"
            onClick={apply}
            className="rounded bg-accent-600 px-2 py-1 text-white"
          >
            Apply link
          </button>
          <button type="button" onClick={() => setLinking(null)} className={button}>
            Cancel
          </button>
          {error && (
            <p role="alert" className="w-full text-red-700 dark:text-red-400">
              {error}
            </p>
          )}
        </fieldset>
      )}
    </div>
  );
}

export { activeCommands };
