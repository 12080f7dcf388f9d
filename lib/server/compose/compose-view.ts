/**
 * What the composer page and its server actions exchange with the browser: plain data, no
 * protocol types. Imported by client components as types only.
 */
import type { SizeBudget } from "./size-budget.ts";

/** A recipient chip: checked on the server, shown red with its reason when invalid. */
export interface ChipView {
  name: string;
  address: string;
  valid: boolean;
  reason: string | null;
}

export interface UploadView {
  id: string;
  filename: string;
  contentType: string;
  /** Decoded bytes. */
  size: number;
  /** Shown in the body (multipart/related) rather than listed as an attachment. */
  inline: boolean;
}

export interface IdentityView {
  id: string;
  displayName: string;
  email: string;
  signature: string;
  isDefault: boolean;
}

export type ReplyMode = "reply" | "reply-all" | "forward" | "forward-attachment";

/** The message being answered or forwarded: flagged \Answered or $Forwarded once sent. */
export interface ComposeOrigin {
  mode: ReplyMode;
  mailbox: string;
  uid: number;
  /** A message/rfc822 part answered on its own ("" for the message itself). */
  part: string;
}

export type BodyFormat = "html" | "plain";

export interface ComposeInitial {
  accountId: string;
  /** This composer's id: its uploads and its size budget are counted under it. */
  composeId: string;
  identities: IdentityView[];
  identityId: string;
  to: ChipView[];
  cc: ChipView[];
  bcc: ChipView[];
  subject: string;
  format: BodyFormat;
  /** HTML (the editor's content) or plain text, as `format` says. */
  body: string;
  uploads: UploadView[];
  origin: ComposeOrigin | null;
  inReplyTo: string | null;
  references: string[];
  /** UID of this message's copy in the Drafts folder, once saved. */
  draftUid: number | null;
  budget: SizeBudget;
  /** Things the person should know (a quote cut short, an attachment that could not be carried). */
  notes: string[];
}

export type ProblemField = "from" | "to" | "cc" | "bcc" | "subject" | "body" | "attachments";

export interface Problem {
  field: ProblemField;
  message: string;
}

export interface RefusedRecipient {
  address: string;
  /** "550 5.1.1 <x@example.test>: Recipient address rejected: ..." */
  serverSaid: string;
  /** The sentence shown: "The server refused x@example.test: 550 5.1.1 ...". */
  message: string;
}

export type SendOutcome =
  | {
      status: "sent";
      messageId: string;
      accepted: string[];
      /** Recipients the server refused while it took the message for the others. */
      refused: RefusedRecipient[];
      /** Anything that went wrong after sending (the Sent copy, a flag), in words. */
      warnings: string[];
    }
  | { status: "invalid"; problems: Problem[] }
  | {
      status: "failed";
      code: string;
      message: string;
      refused: RefusedRecipient[];
      /** The draft saved instead, so nothing is lost (null when even that failed). */
      draftUid: number | null;
      draftError: string | null;
    };

export interface DraftSaved {
  draftUid: number;
  savedAt: string;
}
