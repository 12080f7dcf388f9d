/**
 * Test helper: a scripted IMAP server on port 0 (lib/mail/testing/scripted-server.ts) that
 * greets, reads the client's lines, and lets each test answer them with exactly the bytes
 * under test. For fault injection only; behaviour is tested against the real Dovecot.
 */
import type net from "node:net";
import { type ScriptedServer, scriptedServer } from "../../testing/scripted-server.ts";
import { ImapClient, type ImapClientOptions } from "../client.ts";

export interface ClientLine {
  tag: string;
  command: string;
  line: string;
}

export type LineHandler = (line: ClientLine, socket: net.Socket, server: ImapScript) => void;

export interface ImapScript {
  server: ScriptedServer;
  /** Every line the client sent, in order (literal data included as it came). */
  received: string[];
  /** Every byte the client sent. */
  raw: Buffer[];
  sockets: net.Socket[];
  close(): Promise<void>;
}

export const DEFAULT_GREETING =
  "* OK [CAPABILITY IMAP4rev1 LITERAL+ IDLE UIDPLUS MOVE] scripted ready\r\n";

export async function imapScript(
  handler: LineHandler,
  options: { greeting?: string | null } = {},
): Promise<ImapScript> {
  const received: string[] = [];
  const raw: Buffer[] = [];
  const sockets: net.Socket[] = [];
  const script: ImapScript = {
    server: undefined as unknown as ScriptedServer,
    received,
    raw,
    sockets,
    close: () => script.server.close(),
  };
  script.server = await scriptedServer((socket) => {
    sockets.push(socket);
    socket.setNoDelay(true);
    const greeting = options.greeting === undefined ? DEFAULT_GREETING : options.greeting;
    if (greeting) socket.write(greeting);
    let buffered = "";
    socket.on("data", (chunk: Buffer) => {
      raw.push(chunk);
      buffered += chunk.toString("latin1");
      let end = buffered.indexOf("\r\n");
      while (end >= 0) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        received.push(line);
        const space = line.indexOf(" ");
        const tag = space > 0 ? line.slice(0, space) : line;
        const command = space > 0 ? line.slice(space + 1) : "";
        handler({ tag, command, line }, socket, script);
        end = buffered.indexOf("\r\n");
      }
    });
  });
  return script;
}

/** A client for a scripted server: plaintext, no login unless asked. */
export function connectTo(
  script: ImapScript,
  options: Partial<ImapClientOptions> = {},
): Promise<ImapClient> {
  return ImapClient.connect({
    host: "127.0.0.1",
    port: script.server.port,
    security: "plain",
    enable: false,
    ...options,
  });
}

/** Write `data` in pieces with a pause between them, so the client sees separate reads. */
export async function writeSplit(socket: net.Socket, data: Buffer, cuts: number[]): Promise<void> {
  let start = 0;
  for (const cut of [...cuts, data.length]) {
    if (cut > start) {
      socket.write(data.subarray(start, cut));
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    start = Math.max(start, cut);
  }
}
