/**
 * Just enough IMAP (RFC 3501) to read what Dovecot delivered, for the SMTP integration tests:
 * LOGIN over implicit TLS, SEARCH by Message-ID, FETCH BODY.PEEK[] with its literal read byte
 * for byte. Deliberately independent of lib/mail/imap, so a bug there cannot hide one here.
 */
import { MailSocket, type TlsPolicy } from "../../net/index.ts";

function quoted(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

export class ImapPeek {
  private tag = 0;

  private constructor(private readonly socket: MailSocket) {}

  static async login(
    host: string,
    port: number,
    tlsPolicy: TlsPolicy,
    user: string,
    password: string,
  ): Promise<ImapPeek> {
    const socket = await MailSocket.connect({ host, port, tls: true, tlsPolicy });
    await socket.readLine();
    const peek = new ImapPeek(socket);
    await peek.run(`LOGIN ${quoted(user)} ${quoted(password)}`);
    return peek;
  }

  /** UIDs of the messages in `mailbox` with this Message-ID. */
  async search(mailbox: string, messageId: string): Promise<number[]> {
    await this.run(`EXAMINE ${quoted(mailbox)}`);
    const { lines } = await this.run(`UID SEARCH HEADER Message-ID ${quoted(messageId)}`);
    const hit = lines.find((l) => l.startsWith("* SEARCH"));
    return (hit?.slice(8).trim().split(" ").filter(Boolean) ?? []).map(Number);
  }

  /** Polls until a message with this Message-ID has arrived; returns its UID. */
  async waitFor(mailbox: string, messageId: string, timeoutMs = 20_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [uid] = await this.search(mailbox, messageId);
      if (uid !== undefined) return uid;
      if (Date.now() > deadline) throw new Error(`${messageId} did not arrive in ${mailbox}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** The message exactly as stored (RFC 3501 BODY.PEEK[], a literal). */
  async fetchRaw(uid: number): Promise<Buffer> {
    const { literals } = await this.run(`UID FETCH ${uid} (BODY.PEEK[])`);
    if (literals.length !== 1) throw new Error(`FETCH ${uid} returned ${literals.length} literals`);
    return literals[0]!;
  }

  async logout(): Promise<void> {
    await this.run("LOGOUT").catch(() => undefined);
    this.socket.destroy();
  }

  private async run(command: string): Promise<{ lines: string[]; literals: Buffer[] }> {
    const tag = `P${++this.tag}`;
    await this.socket.write(`${tag} ${command}\r\n`);
    const lines: string[] = [];
    const literals: Buffer[] = [];
    for (;;) {
      const line = (await this.socket.readLine()).toString("utf8");
      lines.push(line);
      const literal = /\{(\d+)\}$/.exec(line);
      if (literal) {
        literals.push(await this.socket.readExact(Number(literal[1])));
        continue;
      }
      if (line.startsWith(`${tag} `)) {
        if (!line.startsWith(`${tag} OK`))
          throw new Error(`IMAP ${command.split(" ")[0]}: ${line}`);
        return { lines, literals };
      }
    }
  }
}
