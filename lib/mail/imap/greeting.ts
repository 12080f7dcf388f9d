/**
 * The server's first words (RFC 3501 section 7.1): OK (log in next), PREAUTH (already logged
 * in, 7.1.4) or BYE (refused, 7.1.5). Anything else is not an IMAP server.
 */
import { byeError, type ImapError, protocolError } from "./errors.ts";
import type { ImapResponse, ResponseCode } from "./response-parser.ts";

export interface Greeting {
  status: "OK" | "PREAUTH";
  code: ResponseCode | null;
  text: string;
}

export function interpretGreeting(response: ImapResponse): Greeting | ImapError {
  if (response.type !== "untagged" || response.data.type !== "status") {
    return protocolError("The server's greeting is not an untagged status response");
  }
  const { status, code, text } = response.data;
  if (status === "BYE") return byeError("The server refused the connection", { text, code });
  if (status !== "OK" && status !== "PREAUTH")
    return protocolError(`Unexpected greeting ${status}`);
  return { status, code, text };
}
