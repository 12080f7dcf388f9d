import { describe, expect, it } from "vitest";
import { orderFolders, type RawFolder } from "./folder-order.ts";

function raw(path: string, specialUse: string | null = null): RawFolder {
  return { path, delimiter: "/", specialUse, selectable: true, total: 0, unread: 0 };
}

describe("folder order", () => {
  it("puts Inbox and the special-use folders first, then the tree by name", () => {
    const folders = orderFolders("a", [
      raw("Work/Projects"),
      raw("Trash", "\\Trash"),
      raw("Receipts"),
      raw("Sent Items", "\\Sent"),
      raw("Work"),
      raw("INBOX"),
      raw("Archive", "\\Archive"),
      raw("Drafts", "\\Drafts"),
      raw("Junk", "\\Junk"),
      raw("INBOX/Lists"),
      raw("apples"),
    ]);
    expect(folders.map((f) => f.path)).toEqual([
      "INBOX",
      "INBOX/Lists",
      "Drafts",
      "Sent Items",
      "Archive",
      "Junk",
      "Trash",
      "apples",
      "Receipts",
      "Work",
      "Work/Projects",
    ]);
    expect(folders[0]).toMatchObject({ name: "Inbox", specialUse: "inbox", depth: 0 });
    expect(folders.at(-1)).toMatchObject({ name: "Projects", depth: 1 });
  });
});
