/**
 * Reads one whole SMTP reply from the connection: continuation lines until the final line,
 * within the limits of limits.ts, so a server that never ends its reply cannot grow memory.
 */
import { MailError } from "../errors.ts";
import type { MailSocket } from "../net/index.ts";
import { SMTP_LIMITS } from "./limits.ts";
import { buildReply, parseReplyLine, type ReplyLine, type SmtpReply } from "./reply.ts";

export async function readReply(socket: MailSocket, timeoutMs: number): Promise<SmtpReply> {
  const lines: ReplyLine[] = [];
  let bytes = 0;
  for (;;) {
    const raw = await socket.readLine({ timeoutMs });
    bytes += raw.length;
    const line = parseReplyLine(raw.toString("utf8"));
    const first = lines[0];
    if (first && first.code !== line.code) {
      // RFC 5321 section 4.2.1: every line of a multi-line reply carries the same code.
      throw new MailError(
        "PROTOCOL",
        `The server changed its reply code from ${first.code} to ${line.code} within one reply`,
      );
    }
    lines.push(line);
    if (line.last) return buildReply(lines);
    if (lines.length >= SMTP_LIMITS.maxReplyLines || bytes > SMTP_LIMITS.maxReplyBytes) {
      throw new MailError(
        "LIMIT_EXCEEDED",
        `The server sent a reply of more than ${lines.length} lines or ${bytes} bytes`,
      );
    }
  }
}
