/**
 * A scripted POP3 server for fault-injection tests: a maildrop in memory, enough of RFC 1939,
 * 2449, 2595 and 5034 to carry a session, every command recorded, and a hook per command to
 * misbehave. Never a stand-in for Dovecot: the integration tests run against the real one.
 */
import { createHash } from "node:crypto";
import type net from "node:net";
import tls from "node:tls";
import {
  type ScriptedServer,
  scriptedServer,
  type TestCertificate,
} from "../../testing/scripted-server.ts";

export interface FakePop3Session {
  socket: net.Socket;
  commands: string[];
  /**
   * For each of `commands`, how many answers to earlier commands were still unwritten when it
   * arrived: above zero only for a client that sent it ahead of those answers (pipelining),
   * and only seen when answers are held back (`answerDelayMs`, or a late answer of `on`).
   */
  owedAtArrival: number[];
  write(text: string): void;
}

export interface FakePop3Script {
  greeting?: string;
  /** CAPA lines; null: answer CAPA with -ERR (an RFC 1939-only server). */
  capabilities?: string[] | null;
  certificate?: TestCertificate;
  user?: string;
  password?: string;
  /** The maildrop, shared across sessions; QUIT removes what was deleted. */
  messages?: { uid: string; data: Buffer }[];
  /**
   * An answer of the test's own: a string, null for none (the hook wrote or dropped), undefined
   * for the usual one, or a promise of an answer that comes late but keeps its place: later
   * commands are answered after it, as a real server answers pipelined commands in order.
   */
  on?: (
    command: string,
    session: FakePop3Session,
  ) => string | null | undefined | Promise<string | null>;
  /**
   * Each answer is written this long after the one before it, in order, as from a slow
   * server: a client that sends before it has read is then seen doing so (owedAtArrival).
   */
  answerDelayMs?: number;
}

export interface FakePop3Server extends ScriptedServer {
  sessions: FakePop3Session[];
  messages: { uid: string; data: Buffer }[];
}

export const DEFAULT_CAPABILITIES = [
  "TOP",
  "UIDL",
  "USER",
  "RESP-CODES",
  "AUTH-RESP-CODE",
  "PIPELINING",
  "SASL PLAIN",
];

function stuff(data: Buffer): string {
  const text = data.toString("latin1");
  const body = text.length === 0 ? "" : text.endsWith("\r\n") ? text : `${text}\r\n`;
  return `${body.replace(/^\./gm, "..")}.\r\n`;
}

export async function fakePop3Server(script: FakePop3Script = {}): Promise<FakePop3Server> {
  const sessions: FakePop3Session[] = [];
  const messages = script.messages ?? [];
  const timestamp = "<1896.697170952@fake.test>";
  const server = await scriptedServer((plain) => {
    let socket: net.Socket = plain;
    const session: FakePop3Session = {
      socket,
      commands: [],
      owedAtArrival: [],
      write: (text) => socket.write(text.endsWith("\r\n") ? text : `${text}\r\n`),
    };
    sessions.push(session);
    let owed = 0;
    let outbox: Promise<void> = Promise.resolve();
    type Answer = string | null | undefined | Promise<string | null>;
    const enqueue = (answer: () => Answer, delayMs: number) => {
      owed++;
      outbox = outbox.then(async () => {
        if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
        const text = await answer();
        owed--;
        if (typeof text === "string" && !socket.destroyed) session.write(text);
      });
    };
    /** Writes an answer now, or in its turn after those still pending (and the delay). */
    const deliver = (answer: () => Answer) => {
      if (script.answerDelayMs !== undefined || owed > 0) {
        return enqueue(answer, script.answerDelayMs ?? 0);
      }
      const now = answer();
      if (now instanceof Promise) enqueue(() => now, 0);
      else if (typeof now === "string") session.write(now);
    };
    const deleted = new Set<number>();
    let authed = false;
    let pendingUser: string | undefined;
    let saslPending = false;
    let buffer = "";
    const user = script.user ?? "alice";
    const password = script.password ?? "secret";
    const message = (n: string | undefined) => {
      const id = Number(n);
      return Number.isInteger(id) && id >= 1 && id <= messages.length && !deleted.has(id) ? id : 0;
    };
    const checkPlain = (b64: string) => {
      const [, u = "", p = ""] = Buffer.from(b64, "base64").toString("utf8").split("\0");
      authed = u === user && p === password;
      return authed ? "+OK Logged in." : "-ERR [AUTH] Authentication failed.";
    };

    const reply = (line: string): string | null => {
      if (saslPending) {
        saslPending = false;
        return checkPlain(line);
      }
      const [verb = "", a, b] = line.split(" ");
      switch (verb.toUpperCase()) {
        case "CAPA": {
          const caps =
            script.capabilities === undefined ? DEFAULT_CAPABILITIES : script.capabilities;
          if (caps === null) return "-ERR unknown command";
          const list = [
            ...caps,
            ...(script.certificate && !("encrypted" in socket) ? ["STLS"] : []),
          ];
          return `+OK\r\n${list.join("\r\n")}\r\n.`;
        }
        case "STLS": {
          if (!script.certificate) return "-ERR no TLS";
          session.write("+OK Begin TLS negotiation now.");
          const secure = new tls.TLSSocket(socket, {
            isServer: true,
            key: script.certificate.key,
            cert: script.certificate.cert,
          });
          socket.removeAllListeners("data");
          socket = secure;
          session.socket = secure;
          secure.on("data", onData);
          secure.on("error", () => {});
          return null;
        }
        case "USER":
          pendingUser = line.slice(5);
          return "+OK";
        case "PASS":
          authed = pendingUser === user && line.slice(5) === password;
          return authed ? "+OK Logged in." : "-ERR [AUTH] Authentication failed.";
        case "APOP": {
          const digest = createHash("md5").update(`${timestamp}${password}`).digest("hex");
          authed = a === user && b === digest;
          return authed ? "+OK Logged in." : "-ERR [AUTH] Authentication failed.";
        }
        case "AUTH":
          if (a?.toUpperCase() !== "PLAIN") return "-ERR Unsupported authentication mechanism.";
          if (b) return checkPlain(b);
          saslPending = true;
          return "+ ";
        case "QUIT": {
          if (authed) {
            for (const id of [...deleted].sort((x, y) => y - x)) messages.splice(id - 1, 1);
          }
          deliver(() => {
            session.write("+OK Logging out.");
            socket.end();
            return null;
          });
          return null;
        }
      }
      if (!authed) return "-ERR Unknown command.";
      switch (verb.toUpperCase()) {
        case "STAT": {
          const live = messages.filter((_, i) => !deleted.has(i + 1));
          return `+OK ${live.length} ${live.reduce((n, m) => n + m.data.length, 0)}`;
        }
        case "LIST": {
          if (a)
            return message(a)
              ? `+OK ${a} ${messages[message(a) - 1]!.data.length}`
              : "-ERR There's no message.";
          const rows = messages.flatMap((m, i) =>
            deleted.has(i + 1) ? [] : [`${i + 1} ${m.data.length}`],
          );
          return `+OK ${rows.length} messages:\r\n${rows.map((r) => `${r}\r\n`).join("")}.`;
        }
        case "UIDL": {
          if (a)
            return message(a)
              ? `+OK ${a} ${messages[message(a) - 1]!.uid}`
              : "-ERR There's no message.";
          const rows = messages.flatMap((m, i) =>
            deleted.has(i + 1) ? [] : [`${i + 1} ${m.uid}`],
          );
          return `+OK\r\n${rows.map((r) => `${r}\r\n`).join("")}.`;
        }
        case "RETR": {
          const id = message(a);
          if (!id) return "-ERR There's no message.";
          const data = messages[id - 1]!.data;
          return `+OK ${data.length} octets\r\n${stuff(data)}`.replace(/\r\n$/, "");
        }
        case "TOP": {
          const id = message(a);
          if (!id) return "-ERR There's no message.";
          const text = messages[id - 1]!.data.toString("latin1");
          const split = text.indexOf("\r\n\r\n");
          const head = text.slice(0, split + 4);
          const body = text
            .slice(split + 4)
            .split("\r\n")
            .slice(0, Number(b))
            .join("\r\n");
          return `+OK\r\n${stuff(Buffer.from(head + body, "latin1"))}`.replace(/\r\n$/, "");
        }
        case "DELE":
          if (!message(a)) return "-ERR There's no message.";
          deleted.add(message(a));
          return "+OK Marked to be deleted.";
        case "RSET":
          deleted.clear();
          return "+OK";
        case "NOOP":
          return "+OK";
        default:
          return "-ERR Unknown command.";
      }
    };

    function onData(chunk: Buffer) {
      buffer += chunk.toString("latin1");
      for (let end = buffer.indexOf("\r\n"); end >= 0; end = buffer.indexOf("\r\n")) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        // A test's hook may have ended or dropped the connection: the rest goes unread (and
        // unanswered: a write after end() would make the TLS socket discard what is pending).
        if (socket.destroyed || socket.writableEnded) return;
        session.commands.push(line);
        session.owedAtArrival.push(owed);
        const custom = script.on?.(line, session);
        const answer = custom === undefined ? reply(line) : custom;
        if (answer !== null) deliver(() => answer);
      }
    }
    plain.on("data", onData);
    plain.write(`${script.greeting ?? `+OK fake POP3 ready ${timestamp}`}\r\n`);
  });
  return Object.assign(server, { sessions, messages });
}
