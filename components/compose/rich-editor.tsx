"use client";

import DOMPurify from "dompurify";
import { type ClipboardEvent, type DragEvent, useEffect, useRef, useState } from "react";
import {
  applyComposeRules,
  COMPOSE_PURIFY_CONFIG,
  UPLOAD_IMAGE_SRC,
} from "@/lib/server/compose/compose-html-policy";
import type { UploadView } from "@/lib/server/compose/compose-view";
import {
  activeCommands,
  caretAtEnd,
  type EditorCommand,
  restoreSelection,
} from "./editor-commands.ts";
import { EditorToolbar } from "./editor-toolbar.tsx";

interface Props {
  initialHtml: string;
  /** Called with the editor's element on every change; the composer reads its HTML. */
  onChange: () => void;
  /** Upload images as inline parts; resolves with each upload, null for a refused one. */
  uploadInline: (files: File[]) => Promise<(UploadView | null)[]>;
  /** Files that are not images become attachments. */
  attach: (files: File[]) => void;
  editorRef: (element: HTMLDivElement | null) => void;
}

/** Pasted HTML through the compose policy: only our upload URLs survive as image sources. */
function cleanPaste(html: string): string {
  const fragment = DOMPurify.sanitize(html, COMPOSE_PURIFY_CONFIG);
  applyComposeRules(fragment, (src) => (UPLOAD_IMAGE_SRC.test(src) ? src : null));
  const holder = document.createElement("div");
  holder.append(fragment);
  return holder.innerHTML;
}

function imageHtml(upload: UploadView): string {
  const img = document.createElement("img");
  img.src = `/api/uploads/${upload.id}`;
  img.alt = upload.filename;
  return img.outerHTML;
}

const isImage = (file: File) => /^image\/(png|jpeg|gif|webp)$/.test(file.type);

/**
 * The rich-text body: a contenteditable the browser edits (its own undo, spell check, IME),
 * with a toolbar. What enters it from outside is cleaned first: pasted HTML by the compose
 * policy, pasted or dropped images uploaded and shown from our upload route. The server
 * cleans the whole body again before sending.
 */
export function RichEditor({ initialHtml, onChange, uploadInline, attach, editorRef }: Props) {
  const root = useRef<HTMLDivElement | null>(null);
  const [active, setActive] = useState<Set<EditorCommand>>(new Set());

  // The initial HTML was cleaned by the server with the same policy; it is set once, after
  // which the browser owns the content (React never re-renders into a contenteditable).
  // biome-ignore lint/correctness/useExhaustiveDependencies: set once on mount
  useEffect(() => {
    if (root.current) root.current.innerHTML = initialHtml;
  }, []);

  useEffect(() => {
    const update = () => root.current && setActive(activeCommands(root.current));
    document.addEventListener("selectionchange", update);
    return () => document.removeEventListener("selectionchange", update);
  }, []);

  const insertImages = async (files: File[], range: Range | null) => {
    const uploads = await uploadInline(files);
    const html = uploads
      .filter((u): u is UploadView => u !== null)
      .map(imageHtml)
      .join("");
    if (!html || !root.current) return;
    root.current.focus();
    restoreSelection(
      range && root.current.contains(range.startContainer) ? range : caretAtEnd(root.current),
    );
    document.execCommand("insertHTML", false, html);
    onChange();
  };

  const onPaste = (event: ClipboardEvent<HTMLDivElement>) => {
    const files = Array.from(event.clipboardData.files);
    if (files.length > 0) {
      event.preventDefault();
      const selection = document.getSelection();
      const range = selection?.rangeCount ? selection.getRangeAt(0).cloneRange() : null;
      const images = files.filter(isImage);
      if (images.length > 0) void insertImages(images, range);
      const others = files.filter((f) => !isImage(f));
      if (others.length > 0) attach(others);
      return;
    }
    const html = event.clipboardData.getData("text/html");
    event.preventDefault();
    if (html) document.execCommand("insertHTML", false, cleanPaste(html));
    else document.execCommand("insertText", false, event.clipboardData.getData("text/plain"));
    onChange();
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    const files = Array.from(event.dataTransfer.files);
    if (files.length === 0) return;
    event.preventDefault();
    event.stopPropagation();
    const range = document.caretRangeFromPoint?.(event.clientX, event.clientY) ?? null;
    const images = files.filter(isImage);
    if (images.length > 0) void insertImages(images, range);
    const others = files.filter((f) => !isImage(f));
    if (others.length > 0) attach(others);
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <EditorToolbar editor={() => root.current} active={active} onChange={onChange} />
      {/* biome-ignore lint/a11y/useSemanticElements: a rich-text editor is a contenteditable textbox */}
      <div
        ref={(element) => {
          root.current = element;
          editorRef(element);
        }}
        role="textbox"
        aria-multiline="true"
        aria-label="Message body"
        tabIndex={0}
        contentEditable
        suppressContentEditableWarning
        onInput={onChange}
        onPaste={onPaste}
        onDrop={onDrop}
        className="compose-body min-h-64 flex-1 overflow-y-auto px-4 py-3 text-sm leading-relaxed outline-none [&_a]:text-accent-600 [&_a]:underline [&_blockquote]:my-1 [&_blockquote]:border-l-2 [&_blockquote]:border-zinc-300 [&_blockquote]:pl-3 [&_blockquote]:text-zinc-600 dark:[&_blockquote]:border-zinc-600 dark:[&_blockquote]:text-zinc-400 [&_img]:max-w-full [&_ol]:list-decimal [&_ol]:pl-6 [&_ul]:list-disc [&_ul]:pl-6"
      />
    </div>
  );
}
