/**
 * For the POP3 store's integration tests: a throwaway data directory (SQLite database and
 * message files) for the test file, and a resolver that logs every session and command so a
 * test can assert what went over the wire (TOP, never RETR, for a listing; no session at all
 * for a kept message).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Pop3ClientOptions } from "../../../mail/pop3/index.ts";
import { setPop3OptionsResolver } from "../account-connect.ts";

/** Points the data directory (and so the SQLite database) at a fresh temp dir. */
export function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lbx-pop3-"));
  process.env.LETTERBOX_DATA_DIR = dir;
  delete process.env.DATABASE_URL;
  return dir;
}

export interface WireLog {
  /** Sessions opened (one resolver call each). */
  sessions: number;
  /** Client lines, credentials redacted, in order. */
  commands: string[];
  /** Commands whose verb is `verb` (TOP, RETR, DELE, QUIT ...). */
  count(verb: string): number;
  clear(): void;
}

/** Every account id resolves to `options`; sessions and commands go to the returned log. */
export function recordingResolver(options: () => Pop3ClientOptions): WireLog {
  const log: WireLog = {
    sessions: 0,
    commands: [],
    count: (verb) => log.commands.filter((c) => c.split(" ")[0]?.toUpperCase() === verb).length,
    clear: () => {
      log.sessions = 0;
      log.commands = [];
    },
  };
  setPop3OptionsResolver(async () => {
    log.sessions++;
    return {
      ...options(),
      transcript: (direction, text) => {
        if (direction === "C") log.commands.push(text);
      },
    };
  });
  return log;
}

export function newAccountId(): string {
  return crypto.randomUUID();
}

/** A small message with the fields the list shows, CRLF line ends. */
export function testMessage(fields: {
  subject: string;
  date?: Date;
  from?: string;
  to?: string;
  body?: string;
  messageId?: string;
}): Buffer {
  const messageId = fields.messageId ?? `<${crypto.randomUUID()}@letterbox.test>`;
  return Buffer.from(
    [
      `From: ${fields.from ?? "Alice Liddell <alice@example.test>"}`,
      `To: ${fields.to ?? "carol@example.test"}`,
      `Subject: ${fields.subject}`,
      `Date: ${(fields.date ?? new Date()).toUTCString().replace("GMT", "+0000")}`,
      `Message-ID: ${messageId}`,
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "",
      ...(fields.body ?? `Body of ${fields.subject}`).split("\n"),
      "",
    ].join("\r\n"),
    "utf8",
  );
}
