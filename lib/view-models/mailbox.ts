/**
 * What the mail screens show, as plain data: server components build these from the mail
 * core, client components render them. No protocol types cross this line.
 */
export type SpecialUse =
  | "inbox"
  | "drafts"
  | "sent"
  | "archive"
  | "junk"
  | "trash"
  | "all"
  | "flagged";

export interface FolderView {
  accountId: string;
  /** The mailbox name as the server knows it (decoded from modified UTF-7). */
  path: string;
  /** The last level of the name, for display. */
  name: string;
  delimiter: string | null;
  depth: number;
  specialUse: SpecialUse | null;
  selectable: boolean;
  total: number | null;
  unread: number | null;
}

export interface AccountFolders {
  accountId: string;
  email: string;
  displayName: string;
  protocol: "imap" | "pop3";
  folders: FolderView[];
  /** Set when the folders could not be listed (server down, password changed …). */
  error?: string;
}

export interface AddressView {
  name: string;
  address: string;
}

export interface MessageFlags {
  seen: boolean;
  flagged: boolean;
  answered: boolean;
  forwarded: boolean;
  draft: boolean;
}

export interface MessageSummary {
  /** Unique within the mailbox (IMAP UID; for POP3 accounts Letterbox's own number). */
  uid: number;
  flags: MessageFlags;
  from: AddressView[];
  to: AddressView[];
  subject: string;
  /** ISO 8601 (from the Date header, else the arrival time). */
  date: string;
  size: number;
  hasAttachments: boolean;
  preview: string | null;
}

/** One page of a mailbox's list, newest first. */
export interface MessagePage {
  accountId: string;
  mailbox: string;
  /** Messages in the mailbox (or matching the search), for the virtual list's height. */
  total: number;
  pageIndex: number;
  pageSize: number;
  messages: MessageSummary[];
  /** Changes whenever the mailbox's numbering may have changed; stale pages are refetched. */
  version: string;
}

/** A row of the unified "All inboxes" list: a summary and the account it belongs to. */
export interface UnifiedSummary extends MessageSummary {
  accountId: string;
  accountEmail: string;
  mailbox: string;
}

export interface UnifiedPage {
  pageIndex: number;
  pageSize: number;
  messages: UnifiedSummary[];
  /** More pages may follow. */
  hasMore: boolean;
  /** Accounts whose inbox could not be read, with why. */
  problems: { accountEmail: string; message: string }[];
}
