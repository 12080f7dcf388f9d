/**
 * POP3's own failures in words for people: the RFC 2449 / RFC 3206 response codes a server
 * sends when it will not open the mailbox now, and the store's own problems. Everything else is
 * worded as for any mail server (describe-error.ts).
 */
import { isMailError } from "../../mail/errors.ts";
import { Pop3Error } from "../../mail/pop3/index.ts";
import { describeMailError, type UserFacingError } from "../mail/describe-error.ts";
import { Pop3StoreError, type Pop3StoreProblem } from "./pop3-store-error.ts";

export interface Pop3ProblemContext {
  /** RFC 2449 section 6.5 LOGIN-DELAY seconds the server announced, when known. */
  loginDelaySeconds?: number | null;
}

const STORE_MESSAGES: Partial<Record<Pop3StoreProblem, string>> = {
  NOT_POP3_ACCOUNT: "This account does not read its mail over POP3.",
  MESSAGE_NOT_FOUND: "This message is no longer here; it may have been deleted.",
  MESSAGE_GONE:
    "This message was removed from the server before Letterbox downloaded it, so it can no longer be opened.",
  NO_UIDL:
    "This POP3 server does not give its messages lasting ids (UIDL), which Letterbox needs to tell new mail from mail it has already seen. Use IMAP for this account if the server offers it.",
};

function serverSaid(error: Pop3Error): string {
  return error.responseCode ? `[${error.responseCode}] ${error.text}` : error.text;
}

/** "every 15 minutes", "every minute", "every 30 seconds". */
function every(seconds: number): string {
  if (seconds < 60) return `every ${seconds} seconds`;
  const minutes = Math.round(seconds / 60);
  return minutes === 1 ? "every minute" : `every ${minutes} minutes`;
}

export function describeLoginDelay(seconds: number | null | undefined): string {
  return seconds
    ? `The server allows a check only ${every(seconds)}; Letterbox will check again then.`
    : "The server allows a check only every so often; Letterbox will check again later.";
}

export function describePop3Problem(
  error: unknown,
  context: Pop3ProblemContext = {},
): UserFacingError {
  if (error instanceof Pop3StoreError) {
    return { code: error.problem, message: STORE_MESSAGES[error.problem] ?? error.message };
  }
  if (!isMailError(error)) return describeMailError(error, "POP3 server");
  const said = error instanceof Pop3Error ? serverSaid(error) : undefined;
  switch (error.code) {
    case "POP3_IN_USE":
      // RFC 2449 section 8.1.2: another session holds the maildrop's lock (RFC 1939 section 8).
      return {
        code: error.code,
        message:
          "Another program is reading this mailbox right now; Letterbox will try again shortly.",
        serverSaid: said,
      };
    case "POP3_LOGIN_DELAY":
      // RFC 2449 section 8.1.1: logged in too soon after the last login.
      return {
        code: error.code,
        message: describeLoginDelay(context.loginDelaySeconds),
        serverSaid: said,
      };
    case "POP3_TEMPORARY":
      // RFC 3206 section 4: [SYS/TEMP], a problem on the server that should pass.
      return {
        code: error.code,
        message:
          "The mail server has a temporary problem and could not open the mailbox; Letterbox will try again later.",
        serverSaid: said,
      };
    case "POP3_ERR":
      if (error instanceof Pop3Error && error.responseCode?.startsWith("SYS/PERM")) {
        // RFC 3206 section 4: [SYS/PERM], a problem that will not pass without someone's help.
        return {
          code: error.code,
          message:
            "The mail server reports a problem with this mailbox that will not go away by itself; whoever runs the server needs to look at it.",
          serverSaid: said,
        };
      }
      return describeMailError(error, "POP3 server");
    default:
      return describeMailError(error, "POP3 server");
  }
}
