/**
 * APPEND (RFC 3501 6.3.11) with flags and internal date, the message as a literal —
 * non-synchronizing under LITERAL+ (RFC 7888), literal8 (RFC 3516) when it holds NUL bytes and
 * the server offers BINARY — returning APPENDUID (RFC 4315) when the server reports it.
 */
import { type CommandArg, flagArg, literal, mailboxArg, raw } from "../command-builder.ts";
import type { ImapConnection } from "../connection.ts";
import { ImapError } from "../errors.ts";
import { formatInternalDate } from "../fetch-parser.ts";

export interface AppendOptions {
  flags?: string[];
  internalDate?: Date;
}

export interface AppendResult {
  uidValidity: number | null;
  uid: number | null;
}

export async function append(
  conn: ImapConnection,
  mailbox: string,
  message: Uint8Array,
  options: AppendOptions = {},
): Promise<AppendResult> {
  if (message.length === 0) throw new ImapError("INVALID_INPUT", "Cannot append an empty message");
  const hasNul = message.includes(0);
  if (hasNul && !conn.has("BINARY")) {
    throw new ImapError(
      "INVALID_INPUT",
      "The message contains NUL bytes and the server does not offer BINARY (RFC 3516)",
      { command: "APPEND" },
    );
  }
  const args: CommandArg[] = [raw("APPEND"), mailboxArg(mailbox, conn.utf8)];
  if (options.flags && options.flags.length > 0) args.push(options.flags.map(flagArg));
  if (options.internalDate) {
    if (Number.isNaN(options.internalDate.getTime())) {
      throw new ImapError("INVALID_INPUT", "The internal date is not a valid date");
    }
    args.push(raw(`"${formatInternalDate(options.internalDate)}"`));
  }
  args.push(literal(message, { binary: hasNul }));
  const result: AppendResult = { uidValidity: null, uid: null };
  await conn.run({
    name: "APPEND",
    args,
    onTagged: (response) => {
      const code = response.code;
      if (code?.name !== "APPENDUID") return;
      result.uidValidity = Number(code.args[0]);
      const uid = String(code.args[1]);
      result.uid = /^\d+$/.test(uid) ? Number(uid) : null;
    },
  });
  return result;
}
