/**
 * A deliberately tiny line-and-literal client for checking the mail stack itself, written
 * against the RFCs with Node's net/tls only. The stack's own test must not lean on the
 * project's protocol core (lib/mail) or on nodemailer/imapflow: it proves the servers, not them.
 */
import fs from "node:fs";
import net from "node:net";
import tls from "node:tls";

const TIMEOUT_MS = 10_000;

export class RawDialog {
  private buffer = Buffer.alloc(0);
  private waiter: (() => void) | null = null;
  private failure: Error | null = null;

  private constructor(private socket: net.Socket) {
    this.attach(socket);
  }

  static async connect(
    host: string,
    port: number,
    options: { tls?: boolean; certFile: string },
  ): Promise<RawDialog> {
    const socket = options.tls
      ? tls.connect({ host, port, ca: fs.readFileSync(options.certFile) })
      : net.connect({ host, port });
    await new Promise<void>((resolve, reject) => {
      socket.once(options.tls ? "secureConnect" : "connect", () => resolve());
      socket.once("error", reject);
    });
    return new RawDialog(socket);
  }

  get tlsSocket(): tls.TLSSocket | null {
    return this.socket instanceof tls.TLSSocket ? this.socket : null;
  }

  private attach(socket: net.Socket): void {
    socket.on("data", (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.wake();
    });
    socket.on("error", (err) => {
      this.failure = err;
      this.wake();
    });
    socket.on("close", () => {
      this.failure ??= new Error("connection closed");
      this.wake();
    });
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.();
  }

  /** Waits until `ready` finds what it needs in the buffer, then returns what it took. */
  private async take<T>(ready: (buffer: Buffer) => { value: T; used: number } | null): Promise<T> {
    const deadline = Date.now() + TIMEOUT_MS;
    for (;;) {
      const found = ready(this.buffer);
      if (found) {
        this.buffer = this.buffer.subarray(found.used);
        return found.value;
      }
      if (this.failure) throw this.failure;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; unread: ${this.buffer.toString("latin1")}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** One line without its CRLF. */
  readLine(): Promise<string> {
    return this.take((b) => {
      const end = b.indexOf("\r\n");
      return end < 0 ? null : { value: b.subarray(0, end).toString("latin1"), used: end + 2 };
    });
  }

  readBytes(count: number): Promise<Buffer> {
    return this.take((b) =>
      b.length < count ? null : { value: Buffer.from(b.subarray(0, count)), used: count },
    );
  }

  write(data: string | Buffer): void {
    this.socket.write(typeof data === "string" ? Buffer.from(data, "latin1") : data);
  }

  /** Upgrades the connection in place (STARTTLS, STLS), verifying the stack's certificate. */
  async startTls(host: string, certFile: string): Promise<tls.TLSSocket> {
    this.socket.removeAllListeners("data");
    this.socket.removeAllListeners("close");
    this.socket.removeAllListeners("error");
    const secure = tls.connect({ socket: this.socket, host, ca: fs.readFileSync(certFile) });
    await new Promise<void>((resolve, reject) => {
      secure.once("secureConnect", () => resolve());
      secure.once("error", reject);
    });
    this.socket = secure;
    this.buffer = Buffer.alloc(0);
    this.failure = null;
    this.attach(secure);
    return secure;
  }

  close(): void {
    this.socket.destroy();
  }

  // --- SMTP / LMTP (RFC 5321 §4.2: "250-" continues, "250 " ends a reply) ---

  async smtpReply(): Promise<{ code: number; lines: string[] }> {
    const lines: string[] = [];
    for (;;) {
      const line = await this.readLine();
      lines.push(line);
      if (line[3] !== "-") return { code: Number(line.slice(0, 3)), lines };
    }
  }

  async smtp(command: string): Promise<{ code: number; lines: string[] }> {
    this.write(`${command}\r\n`);
    return this.smtpReply();
  }

  // --- IMAP (RFC 3501 §7.5: a line ending in {n} is followed by n bytes of literal) ---

  /** Reads responses up to the tagged one; literals are returned separately, byte for byte. */
  async imapResponse(
    tag: string,
  ): Promise<{ status: string; lines: string[]; literals: Buffer[] }> {
    const lines: string[] = [];
    const literals: Buffer[] = [];
    for (;;) {
      let line = await this.readLine();
      for (let m = /\{(\d+)\}$/.exec(line); m; m = /\{(\d+)\}$/.exec(line)) {
        literals.push(await this.readBytes(Number(m[1])));
        line = `${line}\0${await this.readLine()}`;
      }
      lines.push(line);
      if (line.startsWith(`${tag} `)) {
        return { status: line.slice(tag.length + 1).split(" ")[0] ?? "", lines, literals };
      }
    }
  }

  private tagCount = 0;

  async imap(command: string): Promise<{ status: string; lines: string[]; literals: Buffer[] }> {
    this.tagCount += 1;
    const tag = `t${this.tagCount}`;
    this.write(`${tag} ${command}\r\n`);
    return this.imapResponse(tag);
  }

  /** Sends a command whose last argument is a synchronizing literal (RFC 3501 §4.3). */
  async imapWithLiteral(
    prefix: string,
    literal: Buffer,
  ): Promise<{ status: string; lines: string[]; literals: Buffer[] }> {
    this.tagCount += 1;
    const tag = `t${this.tagCount}`;
    this.write(`${tag} ${prefix} {${literal.length}}\r\n`);
    const go = await this.readLine();
    if (!go.startsWith("+")) throw new Error(`no continuation for the literal: ${go}`);
    this.write(Buffer.concat([literal, Buffer.from("\r\n")]));
    return this.imapResponse(tag);
  }
}
