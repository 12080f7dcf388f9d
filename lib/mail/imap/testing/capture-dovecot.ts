/**
 * Regenerates testdata/dovecot-fetch.json: Dovecot's own FETCH (UID ENVELOPE BODYSTRUCTURE)
 * responses, byte for byte, for corpus messages, so the unit tests parse real server output
 * without a server. Run with the mail stack up: `npx tsx lib/mail/imap/testing/capture-dovecot.ts`.
 * Only permissively licensed corpus files are captured (the responses quote their headers).
 */
import fs from "node:fs";
import path from "node:path";
import { mailstack, stackUser } from "@/lib/dev/mailstack";
import { CORPUS_DIR } from "../../../dev/shared-data.ts";
import { MailSocket } from "../../net/index.ts";
import { ImapClient } from "../client.ts";
import { readResponse } from "../framer.ts";
import { DEFAULT_LIMITS } from "../limits.ts";

export const CAPTURED_FILES = [
  "cpython-data-msg_01.eml",
  "cpython-data-msg_02.eml",
  "cpython-data-msg_04.eml",
  "cpython-data-msg_05.eml",
  "cpython-data-msg_11.eml",
  "cpython-data-msg_17.eml",
  "cpython-data-msg_32.eml",
  "cpython-data-msg_33.eml",
  "cpython-data-msg_36.eml",
  "enmime-mail-html-mime-inline.eml",
  "enmime-mail-attachment-only-inline.eml",
  "flanker-messages-encoded-header.eml",
  "flanker-messages-from-encoding.eml",
  "flanker-messages-attached-pdf.eml",
  "mailparser-fixtures-nodemailer.eml",
  "mailcore2-input-1021-chinese.eml",
];

export { CORPUS_DIR };

async function main(): Promise<void> {
  const user = stackUser("dave");
  const mailbox = `capture-${Date.now()}`;
  const tlsPolicy = { ca: fs.readFileSync(mailstack.certFile) };
  const client = await ImapClient.connect({
    host: mailstack.host,
    port: mailstack.ports.imaps,
    security: "tls",
    tlsPolicy,
    auth: { user: user.login, password: user.password },
  });
  await client.createMailbox(mailbox);
  for (const file of CAPTURED_FILES) {
    await client.append(mailbox, fs.readFileSync(path.join(CORPUS_DIR, file)));
  }
  // A raw session: what is recorded is exactly what Dovecot wrote (lines and literals).
  const socket = await MailSocket.connect({
    host: mailstack.host,
    port: mailstack.ports.imaps,
    tls: true,
    tlsPolicy,
  });
  await socket.readLine();
  const quote = (s: string) => `"${s.replace(/[\\"]/g, "\\$&")}"`;
  await socket.write(`a LOGIN ${quote(user.login)} ${quote(user.password)}\r\n`);
  await socket.readLine();
  await socket.write(
    `b SELECT ${quote(mailbox)}\r\nc UID FETCH 1:* (UID ENVELOPE BODYSTRUCTURE)\r\n`,
  );
  const captured: Array<{ file: string; response: string }> = [];
  for (;;) {
    const framed = await readResponse(socket, DEFAULT_LIMITS);
    const first = framed.lines[0]!.toString("latin1");
    if (first.startsWith("c ")) break;
    if (!/^\* \d+ FETCH/.test(first)) continue;
    const parts: Buffer[] = [];
    framed.lines.forEach((line, i) => {
      parts.push(line, Buffer.from("\r\n"));
      const literal = framed.literals[i];
      if (Buffer.isBuffer(literal)) parts.push(literal);
    });
    const file = CAPTURED_FILES[captured.length]!;
    captured.push({ file, response: Buffer.concat(parts).toString("base64") });
  }
  socket.destroy();
  await client.deleteMailbox(mailbox);
  await client.logout();
  const out = path.join(import.meta.dirname, "../testdata/dovecot-fetch.json");
  fs.writeFileSync(
    out,
    `${JSON.stringify({ server: "Dovecot 2.3.19", responses: captured }, null, 1)}\n`,
  );
  process.stdout.write(`captured ${captured.length} responses into ${out}\n`);
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) await main();
