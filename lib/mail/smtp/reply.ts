/**
 * SMTP replies as values (RFC 5321 section 4.2): a three-digit code, the enhanced status code
 * of RFC 3463 when the server gives one (RFC 2034), and the text of every line. Pure: bytes
 * come from reply-reader.ts.
 */
import { MailError } from "../errors.ts";

export interface SmtpReply {
  /** The reply code, e.g. 250, 354, 421, 550. */
  code: number;
  /** RFC 3463 class.subject.detail, e.g. "5.1.1", when the server sent one. */
  enhanced?: string;
  /** Each line's text without the code and enhanced status. */
  lines: string[];
  /** The lines joined with "\n". */
  text: string;
}

export interface ReplyLine {
  code: number;
  /** False on "250-..." continuation lines, true on the final "250 ..." line. */
  last: boolean;
  text: string;
}

/**
 * One reply line. RFC 5321 section 4.2: Reply-code [ SP textstring ] CRLF on the last line and
 * Reply-code "-" [ textstring ] CRLF before it; the first digit is 2 to 5 (section 4.2.1).
 * Anything else is not SMTP, and guessing at it would let a broken or hostile server steer us.
 */
export function parseReplyLine(line: string): ReplyLine {
  const match = /^([2-5][0-9][0-9])(?:([ -])(.*))?$/s.exec(line);
  if (!match) {
    throw new MailError("PROTOCOL", `The server sent a malformed SMTP reply: ${preview(line)}`);
  }
  return { code: Number(match[1]), last: match[2] !== "-", text: match[3] ?? "" };
}

/** RFC 3463 section 2: class "." subject "." detail, where class matches the reply's digit. */
const ENHANCED = /^([245])\.(\d{1,3})\.(\d{1,3})(?: |$)/;

/** Assemble parsed lines (all with the same code) into a reply. */
export function buildReply(lines: ReplyLine[]): SmtpReply {
  const first = lines[0];
  if (!first) throw new MailError("PROTOCOL", "An SMTP reply had no lines");
  const firstMatch = ENHANCED.exec(first.text);
  // RFC 3463 section 3.1 / RFC 2034 section 4: the class must agree with the reply code;
  // "250 5.0.0" is not an enhanced status but text we keep as it is.
  const enhanced =
    firstMatch && firstMatch[1] === String(first.code)[0]
      ? `${firstMatch[1]}.${firstMatch[2]}.${firstMatch[3]}`
      : undefined;
  const texts = lines.map((line) =>
    enhanced && line.text.startsWith(enhanced)
      ? line.text.slice(enhanced.length).replace(/^ /, "")
      : line.text,
  );
  return { code: first.code, enhanced, lines: texts, text: texts.join("\n") };
}

/** Short form for messages: "550 5.1.1 No such user". */
export function describeReply(reply: SmtpReply): string {
  const head = reply.enhanced ? `${reply.code} ${reply.enhanced}` : String(reply.code);
  return reply.text ? `${head} ${reply.lines.join(" / ")}` : head;
}

function preview(line: string): string {
  const shown = JSON.stringify(line.slice(0, 80));
  return line.length > 80 ? `${shown}…` : shown;
}
