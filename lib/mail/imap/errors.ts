/**
 * The IMAP client's errors. A tagged NO or BAD, an untagged BYE and an AUTHENTICATE failure
 * become an ImapError that keeps the server's status, response code (with its arguments) and
 * text, and the command that failed; the app decides what to tell a person from `code` and
 * `responseCode`, never from the text.
 */
import { MailError, type MailErrorCode } from "../errors.ts";
import type { ResponseCode, TaggedResponse } from "./response-parser.ts";

export type ImapStatus = "OK" | "NO" | "BAD" | "BYE" | "PREAUTH";

export interface ImapErrorDetails {
  status?: ImapStatus;
  /** The response code's name, upper-case: TRYCREATE, AUTHENTICATIONFAILED, ALREADYEXISTS, ... */
  responseCode?: string;
  /** The response code's arguments as the server sent them (e.g. BADCHARSET's charsets). */
  responseCodeArgs?: unknown[];
  /** The human-readable text after the status and response code. */
  serverText?: string;
  /** The command that failed (e.g. "UID MOVE"); never its arguments, which may be secret. */
  command?: string;
}

export class ImapError extends MailError {
  readonly status?: ImapStatus;
  readonly responseCode?: string;
  readonly responseCodeArgs: unknown[];
  readonly serverText?: string;
  readonly command?: string;

  constructor(
    code: MailErrorCode,
    message: string,
    details: ImapErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.name = "ImapError";
    this.status = details.status;
    this.responseCode = details.responseCode;
    this.responseCodeArgs = details.responseCodeArgs ?? [];
    this.serverText = details.serverText;
    this.command = details.command;
  }

  /** RFC 5530 codes that say trying again later may work. */
  override get transient(): boolean {
    return (
      super.transient ||
      this.responseCode === "UNAVAILABLE" ||
      this.responseCode === "INUSE" ||
      this.responseCode === "SERVERBUG" ||
      this.responseCode === "LIMIT"
    );
  }
}

/** A protocol violation by the server: something we could not parse or did not expect. */
export function protocolError(message: string, command?: string): ImapError {
  return new ImapError("PROTOCOL", message, { command });
}

export function limitError(message: string): ImapError {
  return new ImapError("LIMIT_EXCEEDED", message);
}

export function invalidInput(message: string): ImapError {
  return new ImapError("INVALID_INPUT", message);
}

/** A tagged NO or BAD as a typed error: status, response code and arguments, text, command. */
export function commandError(
  spec: { name: string; noCode?: MailErrorCode },
  response: TaggedResponse,
): ImapError {
  const code = response.code;
  const status = response.status;
  const errorCode: MailErrorCode =
    status === "BAD"
      ? "IMAP_BAD"
      : code?.name === "AUTHENTICATIONFAILED"
        ? "AUTH_FAILED"
        : (spec.noCode ?? "IMAP_NO");
  const codeText = code ? ` [${code.name}]` : "";
  return new ImapError(errorCode, `${spec.name} failed: ${status}${codeText} ${response.text}`, {
    status,
    responseCode: code?.name,
    responseCodeArgs: code?.args,
    serverText: response.text,
    command: spec.name,
  });
}

/** An untagged BYE (RFC 3501 7.1.5) as a typed error; `message` says when it came. */
export function byeError(
  message: string,
  bye: { text: string; code: ResponseCode | null },
): ImapError {
  return new ImapError("IMAP_BYE", `${message}: ${bye.text}`, {
    status: "BYE",
    responseCode: bye.code?.name,
    responseCodeArgs: bye.code?.args,
    serverText: bye.text,
  });
}

/** Anything thrown below us as a MailError (a bug's TypeError becomes PROTOCOL, with its cause). */
export function asMailError(error: unknown): MailError {
  if (error instanceof MailError) return error;
  return new ImapError(
    "PROTOCOL",
    error instanceof Error ? error.message : String(error),
    {},
    {
      cause: error,
    },
  );
}
