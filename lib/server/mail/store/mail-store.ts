/**
 * One interface for the app over an account's mail, whatever the protocol: IMAP keeps mail on
 * the server, a POP3 account keeps it in Letterbox's own store. Pages, server actions and
 * routes ask a MailStore; only the two implementations know which protocol they speak.
 */
import type { MimeNode } from "../../../mail/mime/structure.ts";
import type { FolderView, MessagePage, SpecialUse } from "../../../view-models/mailbox.ts";
import type { MessageView } from "../../../view-models/message.ts";
import type { LoadOptions } from "../reader/load-message.ts";

export type Selection = number[] | "all";
export type ToggleFlag = "seen" | "flagged" | "answered" | "forwarded";

export interface PageRequest {
  mailbox: string;
  pageIndex: number;
  query?: string;
}

export interface PartRequest {
  mailbox: string;
  uid: number;
  /** "" for the whole message. */
  section: string;
  transferEncoding?: string;
  partial?: { start: number; length: number };
}

export interface MailStore {
  readonly protocol: "imap" | "pop3";
  folders(): Promise<FolderView[]>;
  page(request: PageRequest): Promise<MessagePage>;
  message(mailbox: string, uid: number, options: LoadOptions): Promise<MessageView>;
  setFlag(mailbox: string, selection: Selection, flag: ToggleFlag, value: boolean): Promise<void>;
  move(mailbox: string, selection: Selection, destination: string): Promise<void>;
  /** Delete: to Trash, or for good when the messages already are in Trash. */
  remove(mailbox: string, selection: Selection): Promise<"trash" | "expunged">;
  specialFolder(use: SpecialUse): Promise<string>;
  createFolder(name: string, parent: string | null): Promise<string>;
  renameFolder(path: string, name: string): Promise<string>;
  deleteFolder(path: string): Promise<void>;
  /** The message's structure and size, without its content. */
  structure(mailbox: string, uid: number): Promise<{ root: MimeNode; size: number }>;
  /** A part (decoded) or the whole message, streamed. */
  stream(request: PartRequest): ReadableStream<Uint8Array>;
  /**
   * The whole message's bytes, or those of the message inside a message/rfc822 part (`part`),
   * for quoting, forwarding and reopening drafts.
   */
  messageBytes(mailbox: string, uid: number, part?: string): Promise<Uint8Array>;
  /** Store a message in a folder (a sent copy, a draft); returns its uid there. */
  append(mailbox: string, bytes: Uint8Array, flags: string[], messageId: string): Promise<number>;
  /** Remove one message for good (a replaced draft), without passing through Trash. */
  removeForGood(mailbox: string, uid: number): Promise<void>;
}
