/**
 * A deliberately tiny IMAP4rev1 session (RFC 3501) for checking what the demo seeded, without
 * depending on the product's own IMAP client (lib/mail/imap), which is what the demo exists to
 * exercise. Implicit TLS against the stack's certificate; tagged commands; literals ({n}) read
 * as bytes. Only what the demo's integration test needs.
 */
import fs from "node:fs";
import tls from "node:tls";

export interface ImapReply {
  /** Untagged lines ("* …"), literals replaced by their byte count in the text. */
  lines: string[];
  /** Literals in the order they came. */
  literals: Buffer[];
  /** The tagged status line, e.g. "A3 OK Fetch completed". */
  status: string;
}

export interface ImapProbe {
  command(text: string): Promise<ImapReply>;
  close(): Promise<void>;
}

/** Quotes a string argument (RFC 3501 section 4.3). */
export const quoted = (text: string) => `"${text.replace(/(["\\])/g, "\\$1")}"`;

export async function openImap(options: {
  host: string;
  port: number;
  certFile: string;
  login: string;
  password: string;
}): Promise<ImapProbe> {
  const socket = tls.connect({
    host: options.host,
    port: options.port,
    ca: fs.readFileSync(options.certFile),
  });
  let buffer = Buffer.alloc(0);
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  socket.on("data", (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    wake?.();
  });
  socket.on("error", (error) => {
    failure = error;
    wake?.();
  });
  socket.on("close", () => {
    failure ??= new Error("IMAP connection closed");
    wake?.();
  });

  async function need(test: () => number): Promise<number> {
    for (;;) {
      const at = test();
      if (at >= 0) return at;
      if (failure) throw failure;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = null;
    }
  }

  /** One response line, with any literals it announces read in full. */
  async function readLine(literals: Buffer[]): Promise<string> {
    let line = "";
    for (;;) {
      const end = await need(() => buffer.indexOf("\r\n"));
      const part = buffer.subarray(0, end).toString("utf8");
      buffer = buffer.subarray(end + 2);
      const literal = /\{(\d+)\}$/.exec(part);
      if (!literal) return line + part;
      const size = Number(literal[1]);
      await need(() => (buffer.length >= size ? 0 : -1));
      literals.push(buffer.subarray(0, size));
      buffer = buffer.subarray(size);
      line += part;
    }
  }

  let tag = 0;
  async function command(text: string): Promise<ImapReply> {
    tag += 1;
    const id = `D${tag}`;
    socket.write(`${id} ${text}\r\n`);
    const reply: ImapReply = { lines: [], literals: [], status: "" };
    for (;;) {
      const line = await readLine(reply.literals);
      if (line.startsWith(`${id} `)) {
        reply.status = line;
        if (!/^\S+ OK/.test(line)) throw new Error(`IMAP ${text.split(" ")[0]} failed: ${line}`);
        return reply;
      }
      reply.lines.push(line);
    }
  }

  const greeting = await readLine([]);
  if (!greeting.startsWith("* OK")) throw new Error(`unexpected IMAP greeting: ${greeting}`);
  await command(`LOGIN ${quoted(options.login)} ${quoted(options.password)}`);
  return {
    command,
    async close() {
      await command("LOGOUT").catch(() => undefined);
      socket.destroy();
    },
  };
}
