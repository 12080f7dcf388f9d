"use client";
/**
 * The editor's formatting commands. document.execCommand is deprecated but is still the only
 * way to edit a contenteditable that keeps the browser's own undo history, and every browser
 * implements these commands; the quote toggle is done by hand because "outdent" does not
 * reliably undo "formatBlock blockquote".
 */

export type EditorCommand = "bold" | "italic" | "ul" | "ol" | "quote" | "clear";

function closestIn(root: HTMLElement, node: Node | null, tag: string): HTMLElement | null {
  let at: Node | null = node;
  while (at && at !== root) {
    if (at instanceof HTMLElement && at.tagName === tag) return at;
    at = at.parentNode;
  }
  return null;
}

export function selectionInside(root: HTMLElement): Range | null {
  const selection = document.getSelection();
  if (!selection || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  return root.contains(range.commonAncestorContainer) ? range : null;
}

/** A caret after the editor's last content (where a drop with no usable point lands). */
export function caretAtEnd(root: HTMLElement): Range {
  const range = document.createRange();
  range.selectNodeContents(root);
  range.collapse(false);
  return range;
}

export function restoreSelection(range: Range | null): void {
  if (!range) return;
  const selection = document.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}

export function runCommand(root: HTMLElement, command: EditorCommand): void {
  root.focus();
  switch (command) {
    case "bold":
    case "italic":
      document.execCommand(command);
      return;
    case "ul":
      document.execCommand("insertUnorderedList");
      return;
    case "ol":
      document.execCommand("insertOrderedList");
      return;
    case "quote": {
      const quote = closestIn(root, selectionInside(root)?.startContainer ?? null, "BLOCKQUOTE");
      if (quote) {
        quote.replaceWith(...Array.from(quote.childNodes));
        root.dispatchEvent(new Event("input", { bubbles: true }));
      } else document.execCommand("formatBlock", false, "blockquote");
      return;
    }
    case "clear":
      document.execCommand("removeFormat");
      document.execCommand("unlink");
      return;
  }
}

/** Which commands apply where the caret is, for the toolbar's pressed states. */
export function activeCommands(root: HTMLElement): Set<EditorCommand> {
  const active = new Set<EditorCommand>();
  const range = selectionInside(root);
  if (!range) return active;
  if (document.queryCommandState("bold")) active.add("bold");
  if (document.queryCommandState("italic")) active.add("italic");
  if (document.queryCommandState("insertUnorderedList")) active.add("ul");
  if (document.queryCommandState("insertOrderedList")) active.add("ol");
  if (closestIn(root, range.startContainer, "BLOCKQUOTE")) active.add("quote");
  return active;
}

/** Link the selection to `url`, or insert the URL as a link where the caret is. */
export function insertLink(root: HTMLElement, range: Range | null, url: string): void {
  root.focus();
  restoreSelection(range);
  if (range && !range.collapsed) document.execCommand("createLink", false, url);
  else {
    const a = document.createElement("a");
    a.href = url;
    a.textContent = url;
    document.execCommand("insertHTML", false, a.outerHTML);
  }
}
