/**
 * The local mail stack does what every other integration and end-to-end test relies on: each
 * port answers with TLS where promised, submission authenticates and delivers over LMTP,
 * unknown recipients are refused at RCPT, hostile passwords work, deliverRaw is byte-exact,
 * and start is idempotent and recovers from kill -9.
 */
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import tls from "node:tls";
import { beforeAll, describe, expect, it } from "vitest";
import { mailstack, stackUser } from "@/lib/dev/mailstack";
import { RawDialog } from "./raw-dialog.ts";
import {
  deliverMany,
  deliverRaw,
  doveadm,
  paths,
  resetUser,
  settings,
  start,
  status,
  userMaildir,
} from "./stack.mjs";

const { host, ports } = mailstack;
const cert = mailstack.certFile;
const alice = stackUser("alice");
const bob = stackUser("bob");
const pl1 = stackUser("pl1");

function open(port: number, useTls = false): Promise<RawDialog> {
  return RawDialog.connect(host, port, { tls: useTls, certFile: cert });
}

/** IMAP quoted string (RFC 3501 §4.3): only `"` and `\` need a backslash. */
function quoted(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

async function imapLogin(login: string, password: string): Promise<RawDialog> {
  const imap = await open(ports.imap);
  await imap.readLine();
  const reply = await imap.imap(`LOGIN ${quoted(login)} ${quoted(password)}`);
  expect(reply.status).toBe("OK");
  return imap;
}

/** Polls a mailbox until a message with this Message-ID is there; returns its UID. */
async function waitForMessage(imap: RawDialog, mailbox: string, messageId: string) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    expect((await imap.imap(`EXAMINE ${quoted(mailbox)}`)).status).toBe("OK");
    const search = await imap.imap(`UID SEARCH HEADER Message-ID ${quoted(messageId)}`);
    const hit = search.lines.find((l) => l.startsWith("* SEARCH "))?.split(" ")[2];
    if (hit) return Number(hit);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${messageId} did not arrive in ${mailbox}`);
}

function base64(text: string): string {
  return Buffer.from(text, "utf8").toString("base64");
}

beforeAll(async () => {
  await start();
}, 180_000);

describe("settings", () => {
  it("the TypeScript reader and the stack script agree on the state dir and ports", () => {
    expect(paths.stateDir).toBe(mailstack.stateDir);
    expect(paths.certFile).toBe(mailstack.certFile);
    expect(settings.ports).toEqual(mailstack.ports);
  });
});

describe("ports", () => {
  it("IMAP greets, offers STARTTLS and upgrades with the stack's certificate", async () => {
    const imap = await open(ports.imap);
    const greeting = await imap.readLine();
    expect(greeting).toMatch(/^\* OK \[CAPABILITY [^\]]*\bSTARTTLS\b/);
    expect((await imap.imap("STARTTLS")).status).toBe("OK");
    const secure = await imap.startTls(host, cert);
    expect(secure.authorized).toBe(true);
    const caps = await imap.imap("CAPABILITY");
    expect(caps.status).toBe("OK");
    expect(caps.lines[0]).toMatch(/^\* CAPABILITY .*\bIMAP4rev1\b.*\bIDLE\b/);
    expect(caps.lines[0]).not.toMatch(/\bSTARTTLS\b/);
    imap.close();
  });

  it("IMAPS is TLS from the first byte and presents exactly the stack's certificate", async () => {
    const imaps = await open(ports.imaps, true);
    const peer = imaps.tlsSocket?.getPeerCertificate();
    const own = new crypto.X509Certificate(fs.readFileSync(cert));
    expect(peer?.fingerprint256).toBe(own.fingerprint256);
    expect(own.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(own.checkHost(mailstack.domain)).toBe(mailstack.domain);
    expect(await imaps.readLine()).toMatch(/^\* OK /);
    imaps.close();
  });

  it("IMAPS is not trusted without the stack's certificate (it is self-signed)", async () => {
    await expect(
      new Promise((resolve, reject) => {
        const s = tls.connect({ host, port: ports.imaps }, () => resolve(s.destroy()));
        s.once("error", reject);
      }),
    ).rejects.toThrow(/self[- ]signed/i);
  });

  it("POP3 offers STLS, upgrades and logs in; POP3S answers over TLS", async () => {
    const pop = await open(ports.pop3);
    expect(await pop.readLine()).toMatch(/^\+OK/);
    pop.write("CAPA\r\n");
    const capa: string[] = [];
    for (let line = await pop.readLine(); line !== "."; line = await pop.readLine())
      capa.push(line);
    expect(capa).toContain("STLS");
    pop.write("STLS\r\n");
    expect(await pop.readLine()).toMatch(/^\+OK/);
    expect((await pop.startTls(host, cert)).authorized).toBe(true);
    pop.write(`USER ${alice.login}\r\n`);
    expect(await pop.readLine()).toMatch(/^\+OK/);
    pop.write(`PASS ${alice.password}\r\n`);
    expect(await pop.readLine()).toMatch(/^\+OK Logged in/);
    pop.close();

    const pops = await open(ports.pop3s, true);
    expect(pops.tlsSocket?.authorized).toBe(true);
    expect(await pops.readLine()).toMatch(/^\+OK/);
    pops.close();
  });

  it("submission offers STARTTLS and SIZE, and AUTH only after STARTTLS", async () => {
    const smtp = await open(ports.submission);
    expect((await smtp.smtpReply()).code).toBe(220);
    const before = await smtp.smtp("EHLO client.example");
    expect(before.code).toBe(250);
    expect(before.lines).toContain("250-STARTTLS");
    expect(before.lines).toContain(`250-SIZE ${mailstack.messageSizeLimit}`);
    expect(before.lines.some((l) => /^250[- ]AUTH\b/.test(l))).toBe(false);
    expect((await smtp.smtp("STARTTLS")).code).toBe(220);
    expect((await smtp.startTls(host, cert)).authorized).toBe(true);
    const after = await smtp.smtp("EHLO client.example");
    expect(after.lines.some((l) => /^250[- ]AUTH\b.*\bPLAIN\b/.test(l))).toBe(true);
    expect(after.lines).toContain(`250-SIZE ${mailstack.messageSizeLimit}`);
    smtp.close();
  });

  it("LMTP and the SASL auth listener answer", async () => {
    const lmtp = await open(ports.lmtp);
    expect((await lmtp.smtpReply()).code).toBe(220);
    lmtp.close();
    const auth = await open(ports.auth);
    // Dovecot's auth protocol ends lines with LF alone.
    expect((await auth.readBytes(10)).toString()).toMatch(/^VERSION\t1\t/);
    auth.close();
  });

  it("status() reports every port up", async () => {
    const s = await status();
    expect(s.up).toBe(true);
    expect(Object.values(s.ports).every((p) => p.ok)).toBe(true);
  });
});

describe("mail flow", () => {
  it("alice sends to bob through submission (STARTTLS + AUTH PLAIN); an unknown recipient gets 550 at RCPT", async () => {
    const messageId = `<stack-${crypto.randomUUID()}@example.test>`;
    const smtp = await open(ports.submission);
    await smtp.smtpReply();
    await smtp.smtp("EHLO client.example");
    await smtp.smtp("STARTTLS");
    await smtp.startTls(host, cert);
    await smtp.smtp("EHLO client.example");
    const auth = await smtp.smtp(`AUTH PLAIN ${base64(`\0${alice.login}\0${alice.password}`)}`);
    expect(auth.code).toBe(235);
    expect((await smtp.smtp(`MAIL FROM:<${alice.login}>`)).code).toBe(250);
    const unknown = await smtp.smtp(`RCPT TO:<nobody@${mailstack.domain}>`);
    expect(unknown.code).toBe(550);
    expect(unknown.lines[0]).toMatch(/^550 5\.1\.1 /);
    expect((await smtp.smtp(`RCPT TO:<${bob.login}>`)).code).toBe(250);
    expect((await smtp.smtp("DATA")).code).toBe(354);
    const sent = await smtp.smtp(
      [
        `From: ${alice.name} <${alice.login}>`,
        `To: ${bob.name} <${bob.login}>`,
        "Subject: stack round trip",
        `Message-ID: ${messageId}`,
        "",
        "Hello Bob.",
        "..a line that starts with a dot",
        ".",
      ].join("\r\n"),
    );
    expect(sent.code).toBe(250);
    await smtp.smtp("QUIT");
    smtp.close();

    const imap = await imapLogin(bob.login, bob.password);
    const uid = await waitForMessage(imap, "INBOX", messageId);
    const fetched = await imap.imap(`UID FETCH ${uid} BODY.PEEK[]`);
    const body = fetched.literals[0]?.toString("latin1") ?? "";
    expect(body).toMatch(/^Received: from /m);
    expect(body).toContain(`Message-ID: ${messageId}`);
    expect(body).toContain("\r\n\r\nHello Bob.\r\n.a line that starts with a dot\r\n");
    imap.close();

    // The same message is a file in bob's maildir.
    const files = fs
      .readdirSync(`${userMaildir(bob.login)}/cur`)
      .concat(fs.readdirSync(`${userMaildir(bob.login)}/new`));
    const onDisk = files.some((f) => {
      const dir = fs.existsSync(`${userMaildir(bob.login)}/cur/${f}`) ? "cur" : "new";
      return fs.readFileSync(`${userMaildir(bob.login)}/${dir}/${f}`, "latin1").includes(messageId);
    });
    expect(onDisk).toBe(true);
  });

  it("submission refuses to relay without AUTH; the inbound port accepts our domain only", async () => {
    const sub = await open(ports.submission);
    await sub.smtpReply();
    await sub.smtp("EHLO client.example");
    await sub.smtp(`MAIL FROM:<${alice.login}>`);
    expect((await sub.smtp(`RCPT TO:<${bob.login}>`)).code).toBe(554);
    sub.close();

    const mx = await open(ports.smtp);
    await mx.smtpReply();
    await mx.smtp("EHLO outside.example");
    expect((await mx.smtp("MAIL FROM:<someone@outside.example>")).code).toBe(250);
    expect((await mx.smtp("RCPT TO:<someone@elsewhere.example>")).code).toBe(554);
    expect((await mx.smtp(`RCPT TO:<ghost@${mailstack.domain}>`)).code).toBe(550);
    expect((await mx.smtp(`RCPT TO:<${bob.login}>`)).code).toBe(250);
    mx.close();
  });

  it("pl1 logs in with its hostile password: IMAP literal, IMAP quoted string, SMTP AUTH PLAIN", async () => {
    expect(pl1.password).toBe('p"w\\{2}');
    const imap = await open(ports.imap);
    await imap.readLine();
    const wrong = await imap.imapWithLiteral(`LOGIN ${quoted(pl1.login)}`, Buffer.from('p"w{2}'));
    expect(wrong.status).toBe("NO");
    const ok = await imap.imapWithLiteral(`LOGIN ${quoted(pl1.login)}`, Buffer.from(pl1.password));
    expect(ok.status).toBe("OK");
    imap.close();

    (await imapLogin(pl1.login, pl1.password)).close();

    const smtp = await open(ports.submission);
    await smtp.smtpReply();
    await smtp.smtp("EHLO client.example");
    await smtp.smtp("STARTTLS");
    await smtp.startTls(host, cert);
    await smtp.smtp("EHLO client.example");
    const auth = await smtp.smtp(`AUTH PLAIN ${base64(`\0${pl1.login}\0${pl1.password}`)}`);
    expect(auth.code).toBe(235);
    smtp.close();
  });
});

describe("deliverRaw", () => {
  it("stores a hostile message byte for byte, with flags and INTERNALDATE", async () => {
    const eightBit = Buffer.from([0x80, 0x9f, 0xa0, 0xc3, 0xa9, 0xff, 0xfe]);
    const bytes = Buffer.concat([
      Buffer.from(
        `From: x@example.test\r\nSubject: hostile ${crypto.randomUUID()}\r\n\r\nbefore\r\n.\r\n`,
      ),
      Buffer.from("MAIL FROM:<evil@example.test>\r\n\r\n.\r\nafter 8-bit: "),
      eightBit,
      Buffer.from(`\r\n${"x".repeat(5000)}\r\n`),
    ]);
    const internalDate = new Date("2021-03-04T05:06:07Z");
    const mailbox = "Hostile/v1.2 ünï";
    const { uid } = await deliverRaw(bob.login, mailbox, bytes, {
      flags: ["\\Seen", "\\Flagged", "$Phishing"],
      internalDate,
    });
    expect(uid).toBeGreaterThan(0);

    const imap = await imapLogin(bob.login, bob.password);
    // RFC 3501 §5.1.3: the name goes over the wire in modified UTF-7.
    expect((await imap.imap(`EXAMINE "Hostile/v1.2 &APw-n&AO8-"`)).status).toBe("OK");
    const fetched = await imap.imap(
      `UID FETCH ${uid} (FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[])`,
    );
    expect(fetched.status).toBe("OK");
    expect(fetched.literals[0]?.equals(bytes)).toBe(true);
    const line = fetched.lines[0] ?? "";
    expect(line).toMatch(/FLAGS \([^)]*\\Seen/);
    expect(line).toMatch(/FLAGS \([^)]*\\Flagged/);
    expect(line).toMatch(/FLAGS \([^)]*\$Phishing/);
    expect(line).toContain('INTERNALDATE "04-Mar-2021 05:06:07 +0000"');
    expect(line).toContain(`RFC822.SIZE ${bytes.length}`);
    imap.close();
  });

  it("deliverMany numbers messages in the order given", async () => {
    const mailbox = `Bulk ${crypto.randomUUID().slice(0, 8)}`;
    const subjects = Array.from({ length: 200 }, (_, i) => `bulk ${i}`);
    const { uids } = await deliverMany(
      bob.login,
      mailbox,
      subjects.map((s) => `Subject: ${s}\r\n\r\n${s}\r\n`),
    );
    expect(uids).toEqual(subjects.map((_, i) => i + 1));
    const out = doveadm([
      "-f",
      "tab",
      "fetch",
      "-u",
      bob.login,
      "uid hdr.subject",
      "mailbox",
      mailbox,
      "all",
    ]);
    const rows = out.trim().split("\n").slice(1);
    expect(rows).toEqual(subjects.map((s, i) => `${i + 1}\t${s}`));
  });
});

describe("mailbox state", () => {
  it("IDLE reports a newly delivered message within a few seconds", async () => {
    const imap = await imapLogin(bob.login, bob.password);
    expect((await imap.imap("SELECT INBOX")).status).toBe("OK");
    imap.write("idle1 IDLE\r\n");
    expect(await imap.readLine()).toMatch(/^\+ /);
    const began = Date.now();
    await deliverRaw(bob.login, "INBOX", "Subject: wake up\r\n\r\nnew mail\r\n");
    let line = await imap.readLine();
    while (!/^\* \d+ EXISTS$/.test(line)) line = await imap.readLine();
    expect(Date.now() - began).toBeLessThan(5_000);
    imap.write("DONE\r\n");
    expect((await imap.imapResponse("idle1")).status).toBe("OK");
    imap.close();
  });

  it("resetUser empties one user's mailboxes while the stack keeps running", async () => {
    const dave = stackUser("dave");
    await deliverRaw(dave.login, "Projects", "Subject: soon gone\r\n\r\nx\r\n");
    const pidsBefore = await status();
    resetUser(dave.login);
    const imap = await imapLogin(dave.login, dave.password);
    const list = await imap.imap('LIST "" "*"');
    const names = list.lines.filter((l) => l.startsWith("* LIST")).join("\n");
    expect(names).not.toContain("Projects");
    for (const [name, use] of [
      ["Drafts", "\\Drafts"],
      ["Sent", "\\Sent"],
      ["Archive", "\\Archive"],
      ["Junk", "\\Junk"],
      ["Trash", "\\Trash"],
    ]) {
      expect(names).toMatch(new RegExp(`\\* LIST \\([^)]*\\${use}[^)]*\\) "/" ${name}`));
    }
    const inbox = await imap.imap("STATUS INBOX (MESSAGES)");
    expect(inbox.lines[0]).toBe("* STATUS INBOX (MESSAGES 0)");
    imap.close();
    expect((await status()).dovecot.pid).toBe(pidsBefore.dovecot.pid);
  });
});

describe("lifecycle", () => {
  it("start twice leaves the running stack alone", async () => {
    const before = await status();
    const again = await start();
    expect(again.restarted).toEqual([]);
    expect(again.dovecot.pid).toBe(before.dovecot.pid);
    expect(again.postfix.pid).toBe(before.postfix.pid);
  });

  it("start after kill -9 of both daemons recovers, and the mail is still there", async () => {
    const marker = `<survivor-${crypto.randomUUID()}@example.test>`;
    await deliverRaw(bob.login, "INBOX", `Message-ID: ${marker}\r\nSubject: survivor\r\n\r\nx\r\n`);
    const before = await status();
    expect(before.up).toBe(true);
    execFileSync("kill", ["-9", String(before.dovecot.pid), String(before.postfix.pid)]);
    await new Promise((r) => setTimeout(r, 200));
    expect((await status()).up).toBe(false);

    const began = Date.now();
    const recovered = await start();
    expect(recovered.up).toBe(true);
    expect(recovered.dovecot.pid).not.toBe(before.dovecot.pid);
    expect(recovered.postfix.pid).not.toBe(before.postfix.pid);
    expect(Date.now() - began).toBeLessThan(20_000);

    const imap = await imapLogin(bob.login, bob.password);
    expect(await waitForMessage(imap, "INBOX", marker)).toBeGreaterThan(0);
    imap.close();
  });
});
