/**
 * Failures of the POP3 store itself (not of the server): a MailError, so the app's error
 * handling treats them like any other, with `problem` as the stable reason.
 */
import { MailError, type MailErrorCode } from "../../mail/errors.ts";

export type Pop3StoreProblem =
  /** The account is not a POP3 account, or does not exist. */
  | "NOT_POP3_ACCOUNT"
  /** No message with that id in this account (or it was deleted for good). */
  | "MESSAGE_NOT_FOUND"
  /** Never downloaded, and the server no longer has it. */
  | "MESSAGE_GONE"
  /** The server has no UIDL (RFC 1939 section 7 makes it optional): messages cannot be told apart. */
  | "NO_UIDL"
  | "FOLDER_NAME"
  | "FOLDER_EXISTS"
  | "FOLDER_NOT_FOUND"
  | "FOLDER_BUILTIN"
  | "TOO_MANY";

const CODES: Record<Pop3StoreProblem, MailErrorCode> = {
  NOT_POP3_ACCOUNT: "INVALID_INPUT",
  MESSAGE_NOT_FOUND: "INVALID_INPUT",
  MESSAGE_GONE: "POP3_ERR",
  NO_UIDL: "POP3_ERR",
  FOLDER_NAME: "INVALID_INPUT",
  FOLDER_EXISTS: "INVALID_INPUT",
  FOLDER_NOT_FOUND: "INVALID_INPUT",
  FOLDER_BUILTIN: "INVALID_INPUT",
  TOO_MANY: "LIMIT_EXCEEDED",
};

export class Pop3StoreError extends MailError {
  readonly problem: Pop3StoreProblem;

  constructor(problem: Pop3StoreProblem, message: string, options?: { cause?: unknown }) {
    super(CODES[problem], message, options);
    this.name = "Pop3StoreError";
    this.problem = problem;
  }
}
