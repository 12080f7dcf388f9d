/**
 * POP3 status lines as values (RFC 1939 section 3): "+OK text" or "-ERR text", with the RFC
 * 2449 section 8 response code ("[IN-USE]", "[SYS/TEMP]", RFC 3206) split out, and the "+ "
 * continuation of SASL (RFC 5034 section 4). Pure: lines come from connection.ts.
 */
import { MailError } from "../errors.ts";

export type Pop3Status =
  | { kind: "ok"; text: string; responseCode?: string }
  | { kind: "err"; text: string; responseCode?: string }
  | { kind: "continue"; text: string };

/** RFC 2449 section 8: "[" resp-level *("/" resp-level) "]" at the start of the text. */
const RESPONSE_CODE = /^\[([A-Za-z0-9-]+(?:\/[A-Za-z0-9-]+)*)\]\s*/;

export function parseStatusLine(line: string): Pop3Status {
  if (line === "+OK" || line.startsWith("+OK ")) return withCode("ok", line.slice(4));
  if (line === "-ERR" || line.startsWith("-ERR ")) return withCode("err", line.slice(5));
  if (line === "+" || line.startsWith("+ ")) return { kind: "continue", text: line.slice(2) };
  throw new MailError(
    "PROTOCOL",
    `The server sent a malformed POP3 response: ${JSON.stringify(line.slice(0, 80))}`,
  );
}

function withCode(kind: "ok" | "err", rest: string): Pop3Status {
  const match = RESPONSE_CODE.exec(rest);
  if (!match) return { kind, text: rest };
  return { kind, text: rest.slice(match[0].length), responseCode: match[1]!.toUpperCase() };
}

/**
 * The APOP timestamp of a greeting (RFC 1939 section 7): a msg-id, "<" ... "@" ... ">",
 * present only when the server offers APOP.
 */
export function apopTimestamp(greetingText: string): string | undefined {
  return /<[^<>\s@]+@[^<>\s]+>/.exec(greetingText)?.[0];
}
