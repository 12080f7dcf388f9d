/**
 * The TRANSACTION-state commands of RFC 1939 section 5 and their answers as values. Message
 * numbers go on command lines, so they are checked to be what RFC 1939 says they are: positive
 * integers.
 */
import { MailError } from "../errors.ts";
import type { CommandPipeline } from "./command-pipeline.ts";
import type { Pop3Connection } from "./connection.ts";
import { POP3_LIMITS } from "./limits.ts";

export interface MailboxStat {
  count: number;
  /** Octets, as the server counts them (RFC 1939 section 5: the maildrop's size). */
  size: number;
}

export interface MessageSize {
  id: number;
  size: number;
}

export interface MessageUid {
  id: number;
  /** RFC 1939 section 7: 1 to 70 printable characters, stable across sessions. */
  uid: string;
}

export function checkId(id: number): number {
  if (!Number.isSafeInteger(id) || id < 1) {
    throw new MailError("INVALID_INPUT", `${JSON.stringify(id)} is not a POP3 message number`);
  }
  return id;
}

export async function stat(commands: CommandPipeline): Promise<MailboxStat> {
  return commands.run({
    line: "STAT",
    read: async (connection) => {
      const status = await connection.expectOk("command", "STAT");
      const [count, size] = numbers(status.text, 2, "STAT");
      return { count: count!, size: size! };
    },
  });
}

export async function listAll(commands: CommandPipeline): Promise<MessageSize[]> {
  return commands.run({
    line: "LIST",
    read: async (connection) => {
      await connection.expectOk("command", "LIST");
      return (await listing(connection)).map((line) => {
        const [id, size] = numbers(line, 2, "LIST");
        return { id: id!, size: size! };
      });
    },
  });
}

export async function listOne(commands: CommandPipeline, id: number): Promise<MessageSize> {
  const line = `LIST ${checkId(id)}`;
  return commands.run({
    line,
    read: async (connection) => {
      const status = await connection.expectOk("command", line);
      const [number, size] = numbers(status.text, 2, "LIST");
      return { id: number!, size: size! };
    },
  });
}

export async function uidlAll(commands: CommandPipeline): Promise<MessageUid[]> {
  return commands.run({
    line: "UIDL",
    read: async (connection) => {
      await connection.expectOk("command", "UIDL");
      return (await listing(connection)).map((line) => parseUid(line));
    },
  });
}

export async function uidlOne(commands: CommandPipeline, id: number): Promise<MessageUid> {
  const line = `UIDL ${checkId(id)}`;
  return commands.run({
    line,
    read: async (connection) => parseUid((await connection.expectOk("command", line)).text),
  });
}

function listing(connection: Pop3Connection): Promise<string[]> {
  return connection.readListing(POP3_LIMITS.maxListingEntries, POP3_LIMITS.maxListingLineLength);
}

/** RFC 1939 section 7: "n unique-id", unique-id of 0x21 to 0x7E. */
function parseUid(line: string): MessageUid {
  const match = /^(\d+) ([\x21-\x7e]{1,70})$/.exec(line.trim());
  if (!match)
    throw new MailError("PROTOCOL", `Not a UIDL line: ${JSON.stringify(line.slice(0, 100))}`);
  return { id: Number(match[1]), uid: match[2]! };
}

/** The first `count` fields as non-negative integers; anything else is not POP3. */
function numbers(text: string, count: number, command: string): number[] {
  const fields = text.trim().split(/\s+/).slice(0, count);
  if (fields.length < count || !fields.every((f) => /^\d{1,15}$/.test(f))) {
    throw new MailError(
      "PROTOCOL",
      `Unexpected ${command} answer: ${JSON.stringify(text.slice(0, 100))}`,
    );
  }
  return fields.map(Number);
}
