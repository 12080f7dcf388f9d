/**
 * The folder pane's order: Inbox and the special-use folders first, in the order people
 * expect (Inbox, Drafts, Sent, Archive, Junk, Trash), then the rest as a tree, each level
 * sorted by name. Pure, so it is tested on its own.
 */
import type { FolderView, SpecialUse } from "../../view-models/mailbox.ts";

export interface RawFolder {
  path: string;
  delimiter: string | null;
  specialUse: string | null;
  selectable: boolean;
  total: number | null;
  unread: number | null;
}

const SPECIAL_ORDER: SpecialUse[] = ["inbox", "drafts", "sent", "archive", "junk", "trash"];

export function specialUseOf(folder: Pick<RawFolder, "path" | "specialUse">): SpecialUse | null {
  if (folder.path.toUpperCase() === "INBOX") return "inbox";
  const use = folder.specialUse?.replace(/^\\/, "").toLowerCase();
  return (use as SpecialUse | undefined) ?? null;
}

export function orderFolders(accountId: string, raw: RawFolder[]): FolderView[] {
  const views: FolderView[] = raw.map((f) => {
    const parts = f.delimiter ? f.path.split(f.delimiter) : [f.path];
    return {
      accountId,
      path: f.path,
      name: f.path.toUpperCase() === "INBOX" ? "Inbox" : (parts.at(-1) ?? f.path),
      delimiter: f.delimiter,
      depth: parts.length - 1,
      specialUse: specialUseOf(f),
      selectable: f.selectable,
      total: f.total,
      unread: f.unread,
    };
  });
  const rank = (v: FolderView) => {
    const index = v.specialUse ? SPECIAL_ORDER.indexOf(v.specialUse) : -1;
    return index >= 0 && v.depth === 0 ? index : SPECIAL_ORDER.length;
  };
  // Sort by the path's components so children follow their parent directly.
  const key = (v: FolderView) => (v.delimiter ? v.path.split(v.delimiter) : [v.path]);
  return views.sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    if (ra !== rb) {
      // A special folder's children stay under it: compare the top-level ancestors' ranks.
      const topA = rank({ ...a, depth: 0, specialUse: ancestorUse(a, views) });
      const topB = rank({ ...b, depth: 0, specialUse: ancestorUse(b, views) });
      if (topA !== topB) return topA - topB;
    }
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
      const c = ka[i]!.localeCompare(kb[i]!, undefined, { sensitivity: "base", numeric: true });
      if (c !== 0) return c;
    }
    return ka.length - kb.length;
  });
}

function ancestorUse(view: FolderView, all: FolderView[]): SpecialUse | null {
  if (view.depth === 0) return view.specialUse;
  const top = view.delimiter ? view.path.split(view.delimiter)[0] : view.path;
  return all.find((v) => v.path === top)?.specialUse ?? null;
}
