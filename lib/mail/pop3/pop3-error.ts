/**
 * Pop3Error: a -ERR the server sent, with its text and RFC 2449 / RFC 3206 response code kept
 * and the command it answered. The MailError code is decided here, once.
 */
import { MailError, type MailErrorCode } from "../errors.ts";

export type Pop3Step = "greeting" | "auth" | "stls" | "command";

export class Pop3Error extends MailError {
  /** The -ERR text without the response code. */
  readonly text: string;
  /** RFC 2449 section 8 response code, upper case: "IN-USE", "LOGIN-DELAY", "AUTH", "SYS/TEMP". */
  readonly responseCode?: string;
  /** The command answered, credentials left out ("PASS [redacted]", "RETR 3"). */
  readonly command: string;

  constructor(
    code: MailErrorCode,
    text: string,
    responseCode: string | undefined,
    command: string,
  ) {
    const shown = responseCode ? `[${responseCode}] ${text}` : text;
    super(code, `${command}: -ERR ${shown}`.trim());
    this.name = "Pop3Error";
    this.text = text;
    this.responseCode = responseCode;
    this.command = command;
  }
}

/**
 * RFC 2449 section 8.1 [LOGIN-DELAY] and [IN-USE], RFC 3206 [SYS/TEMP] are temporary (the
 * codes are transient in MailError); [AUTH] and any -ERR to a credential are a refused login.
 */
export function classifyErr(responseCode: string | undefined, step: Pop3Step): MailErrorCode {
  const top = responseCode?.split("/")[0];
  if (top === "IN-USE") return "POP3_IN_USE";
  if (top === "LOGIN-DELAY") return "POP3_LOGIN_DELAY";
  if (responseCode?.startsWith("SYS/TEMP")) return "POP3_TEMPORARY";
  if (step === "stls") return "STARTTLS_FAILED";
  if (top === "AUTH") return "AUTH_FAILED";
  if (step === "auth" && top !== "SYS") return "AUTH_FAILED";
  return "POP3_ERR";
}

export function errError(
  status: { text: string; responseCode?: string },
  step: Pop3Step,
  command: string,
): Pop3Error {
  return new Pop3Error(
    classifyErr(status.responseCode, step),
    status.text,
    status.responseCode,
    command,
  );
}
