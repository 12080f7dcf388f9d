/**
 * A scripted SMTP server for fault-injection tests: it speaks enough SMTP to carry a
 * transaction (EHLO, STARTTLS, AUTH PLAIN/LOGIN, MAIL, RCPT, DATA, BDAT) and records every byte
 * it receives, so a test can look at the wire. Each command can be overridden to misbehave.
 * Never a stand-in for Postfix: the integration tests run against the real one.
 */
import type net from "node:net";
import tls from "node:tls";
import {
  type ScriptedServer,
  scriptedServer,
  type TestCertificate,
} from "../../testing/scripted-server.ts";
import type { SmtpClientOptions } from "../options.ts";

export interface FakeSmtpSession {
  socket: net.Socket;
  /** Every command line received on this connection, in order. */
  commands: string[];
  write(text: string): void;
}

export interface FakeSmtpScript {
  greeting?: string;
  /** EHLO extension lines (without "250-"). */
  extensions?: string[];
  /** For STARTTLS. */
  certificate?: TestCertificate;
  /** Credentials AUTH accepts. */
  user?: string;
  password?: string;
  /**
   * Called for each command before the default behaviour: return reply text to send instead
   * ("\r\n" between lines), null to send nothing (the hook acted itself), undefined for the
   * default.
   */
  on?: (
    command: string,
    session: FakeSmtpSession,
  ) => string | null | undefined | Promise<string | null | undefined>;
  /** The reply to a BDAT chunk that is not the last; default 250. */
  onChunk?: (index: number, size: number) => string | undefined;
  /** The reply to a complete message; default 250 queued. */
  onMessage?: (data: Buffer, via: "DATA" | "BDAT") => string;
}

export interface FakeSmtpServer extends ScriptedServer {
  /** Every chunk received, per connection, as it arrived (TLS chunks after decryption). */
  chunks: string[];
  /** Every message received, as its bytes on the wire (DATA: before un-stuffing, without the final "."). */
  messages: Buffer[];
  sessions: FakeSmtpSession[];
}

/** Client options for a fake server: plaintext, no AUTH, a fixed EHLO name. */
export function clientOptions(
  server: { port: number },
  extra: Partial<SmtpClientOptions> = {},
): SmtpClientOptions {
  return {
    host: "127.0.0.1",
    port: server.port,
    security: "none",
    clientName: "client.test",
    ...extra,
  };
}

/** A two-recipient envelope and a message with the lines dot-stuffing is for. */
export const testEnvelope = {
  from: "alice@example.test",
  to: ["bob@example.test"],
  cc: ["carol@example.test"],
};
export const testMessage = "Subject: hi\r\n\r\nhello\r\n.leading dot\r\n.\r\nend\r\n";

export const DEFAULT_EXTENSIONS = ["PIPELINING", "SIZE 1000000", "8BITMIME", "ENHANCEDSTATUSCODES"];

export async function fakeSmtpServer(script: FakeSmtpScript = {}): Promise<FakeSmtpServer> {
  const chunks: string[] = [];
  const messages: Buffer[] = [];
  const sessions: FakeSmtpSession[] = [];
  const server = await scriptedServer((plain) => {
    let socket: net.Socket = plain;
    const session: FakeSmtpSession = {
      socket,
      commands: [],
      write: (text) => socket.write(text.endsWith("\r\n") ? text : `${text}\r\n`),
    };
    sessions.push(session);
    let buffer = Buffer.alloc(0);
    let mode:
      | { kind: "command" }
      | { kind: "data" }
      | { kind: "bdat"; size: number; last: boolean } = {
      kind: "command",
    };
    let bdatParts: Buffer[] = [];
    let authStep: { mechanism: "LOGIN"; user?: string } | { mechanism: "PLAIN" } | null = null;
    let busy = Promise.resolve();

    const checkCredentials = (user: string, password: string) =>
      user === (script.user ?? "alice") && password === (script.password ?? "secret")
        ? "235 2.7.0 Authentication successful"
        : "535 5.7.8 Error: authentication failed";

    const defaultReply = (line: string): string | null => {
      const verb = line.split(" ")[0]!.toUpperCase();
      if (authStep) {
        const decoded = Buffer.from(line, "base64").toString("utf8");
        if (authStep.mechanism === "PLAIN") {
          authStep = null;
          const [, user = "", password = ""] = decoded.split("\0");
          return checkCredentials(user, password);
        }
        if (authStep.user === undefined) {
          authStep.user = decoded;
          return "334 UGFzc3dvcmQ6";
        }
        const user = authStep.user;
        authStep = null;
        return checkCredentials(user, decoded);
      }
      switch (verb) {
        case "EHLO": {
          const ext = script.extensions ?? DEFAULT_EXTENSIONS;
          const lines = ["fake.test", ...ext];
          return lines.map((l, i) => `250${i === lines.length - 1 ? " " : "-"}${l}`).join("\r\n");
        }
        case "HELO":
          return "250 fake.test";
        case "STARTTLS": {
          if (!script.certificate) return "502 5.5.1 no TLS here";
          session.write("220 2.0.0 Ready to start TLS");
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
        case "AUTH": {
          const [, mechanism = "", initial] = line.split(" ");
          if (mechanism.toUpperCase() === "PLAIN") {
            if (initial) {
              const [, user = "", password = ""] = Buffer.from(initial, "base64")
                .toString("utf8")
                .split("\0");
              return checkCredentials(user, password);
            }
            authStep = { mechanism: "PLAIN" };
            return "334 ";
          }
          if (mechanism.toUpperCase() === "LOGIN") {
            authStep = { mechanism: "LOGIN" };
            return "334 VXNlcm5hbWU6";
          }
          return "504 5.5.4 Unrecognized authentication type";
        }
        case "MAIL":
          return "250 2.1.0 Ok";
        case "RCPT":
          return /refuse/.test(line)
            ? "550 5.1.1 <refused>: Recipient address rejected: User unknown"
            : "250 2.1.5 Ok";
        case "DATA":
          mode = { kind: "data" };
          return "354 End data with <CR><LF>.<CR><LF>";
        case "BDAT": {
          const [, size = "0", last] = line.split(" ");
          mode = { kind: "bdat", size: Number(size), last: last?.toUpperCase() === "LAST" };
          return null;
        }
        case "RSET":
        case "NOOP":
          return "250 2.0.0 Ok";
        case "QUIT":
          session.write("221 2.0.0 Bye");
          socket.end();
          return null;
        default:
          return "502 5.5.2 Error: command not recognized";
      }
    };

    const finishMessage = (data: Buffer, via: "DATA" | "BDAT") => {
      messages.push(data);
      session.write(script.onMessage?.(data, via) ?? "250 2.0.0 Ok: queued as FAKE1");
    };

    const pump = async () => {
      for (;;) {
        if (mode.kind === "command") {
          const end = buffer.indexOf("\r\n");
          if (end < 0) return;
          const line = buffer.subarray(0, end).toString("utf8");
          buffer = buffer.subarray(end + 2);
          session.commands.push(line);
          const custom = await script.on?.(line, session);
          const reply = custom === undefined ? defaultReply(line) : custom;
          if (reply !== null) session.write(reply);
        } else if (mode.kind === "data") {
          const atStart = buffer.subarray(0, 3).toString() === ".\r\n";
          const end = atStart ? 0 : buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          const data = atStart ? Buffer.alloc(0) : buffer.subarray(0, end + 2);
          buffer = buffer.subarray(end + (atStart ? 3 : 5));
          mode = { kind: "command" };
          finishMessage(Buffer.from(data), "DATA");
        } else {
          if (buffer.length < mode.size) return;
          bdatParts.push(Buffer.from(buffer.subarray(0, mode.size)));
          buffer = buffer.subarray(mode.size);
          const last = mode.last;
          mode = { kind: "command" };
          if (last) {
            finishMessage(Buffer.concat(bdatParts), "BDAT");
            bdatParts = [];
          } else {
            const index = bdatParts.length - 1;
            session.write(
              script.onChunk?.(index, bdatParts[index]!.length) ?? "250 2.0.0 Ok: chunk received",
            );
          }
        }
      }
    };

    function onData(chunk: Buffer) {
      chunks.push(chunk.toString("latin1"));
      buffer = Buffer.concat([buffer, chunk]);
      busy = busy.then(pump);
    }
    plain.on("data", onData);
    plain.write(`${script.greeting ?? "220 fake.test ESMTP ready"}\r\n`);
  });
  return Object.assign(server, { chunks, messages, sessions });
}
