/**
 * The contract between the connection and the command modules: what a command tells the
 * connection (CommandSpec) and what the connection reports to callers (ImapEvents).
 */
import type { MailError, MailErrorCode } from "../errors.ts";
import type { CommandArg } from "./command-builder.ts";
import type { LiteralRouter } from "./framer.ts";
import type { ContinuationResponse, TaggedResponse, UntaggedResponse } from "./response-parser.ts";

export type SessionState = "not-authenticated" | "authenticated" | "selected" | "logout";

export interface ContinuationReply {
  /** Send one line (CRLF added); `transcriptAs` replaces it in the transcript (credentials). */
  send(line: string, transcriptAs?: string): Promise<void>;
}

export interface CommandSpec {
  /** The command's name for errors and logs ("UID FETCH"); never its arguments. */
  name: string;
  /** Everything after the tag. */
  args: CommandArg[];
  /** Untagged data while this command runs; return true when it was this command's data. */
  onUntagged?: (data: UntaggedResponse) => boolean | undefined;
  /** "+" responses other than literal go-aheads (SASL challenges, IDLE's "+ idling"). */
  onContinuation?: (
    response: ContinuationResponse,
    reply: ContinuationReply,
  ) => void | Promise<void>;
  /** Runs synchronously on the tagged reply, before anything else is read. */
  onTagged?: (response: TaggedResponse) => void;
  /** Which literals of this command's responses go to a sink instead of memory. */
  literalRouter?: LiteralRouter;
  /** STARTTLS: read nothing after the tagged OK until resumeReading() (the TLS handshake). */
  pauseReadingAfter?: boolean;
  /** The error code for a NO (AUTH_FAILED for LOGIN/AUTHENTICATE); default IMAP_NO. */
  noCode?: MailErrorCode;
  /** Called when another command is queued behind this one (IDLE ends itself). */
  onQueued?: () => void;
}

export interface ImapEvents {
  exists: { mailbox: string; count: number; previous: number };
  expunge: { mailbox: string; seq: number };
  vanished: { mailbox: string; uids: string; earlier: boolean };
  /** Flags (and MODSEQ) of a message changed, reported outside a FETCH/STORE of ours. */
  flags: {
    mailbox: string;
    seq: number;
    uid?: number;
    flags?: string[];
    modseq?: bigint;
    items: unknown[];
  };
  mailboxFlags: { mailbox: string; flags: string[] };
  /** `[ALERT]`: RFC 3501 7.1 says the text MUST be shown to the person. */
  alert: { text: string };
  close: { error: MailError };
}
