/**
 * The smtp and pop3 CLIs as a person runs them (`npm run -s mail -- smtp send ...`), against
 * the local stack: a message sent with --transcript shows the conversation with credentials
 * redacted, and comes back over `pop3 retr` with its body intact.
 */
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { stackUser } from "@/lib/dev/mailstack";
import { environment, start } from "@/scripts/mailstack/stack.mjs";

const alice = stackUser("alice");
const dave = stackUser("dave");
const main = path.resolve(import.meta.dirname, "main.ts");

function mail(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", main, ...args],
      { env: { ...process.env, ...environment(), ...env }, maxBuffer: 16 << 20 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  await start();
}, 120_000);

describe("mail smtp / mail pop3", () => {
  it("sends with a redacted transcript, then lists, retrieves and deletes over POP3", async () => {
    const messageId = `<${crypto.randomUUID()}@letterbox.test>`;
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lbx-cli-")), "message.eml");
    fs.writeFileSync(
      file,
      `From: ${alice.login}\nTo: ${dave.login}\nSubject: cli\nMessage-ID: ${messageId}\n\nhello\n.\n..dots\n`,
    );
    const sent = await mail(
      [
        "smtp",
        "send",
        "--user",
        alice.login,
        "--from",
        alice.login,
        "--to",
        dave.login,
        "--transcript",
        file,
      ],
      { SMTP_PASSWORD: alice.password },
    );
    expect(sent.stderr).toContain("C: STARTTLS");
    expect(sent.stderr).toContain("C: AUTH PLAIN [redacted]");
    expect(sent.stderr).toMatch(/^C: \[\d+ octets of message data\]$/m);
    expect(sent.stderr).not.toContain(alice.password);
    expect(sent.stderr).not.toContain(
      Buffer.from(`\0${alice.login}\0${alice.password}`).toString("base64"),
    );
    expect(sent.stdout).toContain(`accepted ${dave.login}`);
    expect(sent.code).toBe(0);

    const pop3 = (...args: string[]) =>
      mail(["pop3", ...args, "--user", dave.login, "--transcript"], {
        POP3_PASSWORD: dave.password,
      });
    let id: string | undefined;
    for (let attempt = 0; attempt < 50 && id === undefined; attempt++) {
      const listed = await pop3("list");
      expect(listed.stderr).toContain("C: AUTH PLAIN [redacted]");
      expect(listed.stderr).not.toContain(dave.password);
      for (const line of listed.stdout.trim().split("\n").reverse()) {
        const [n] = line.split("\t");
        if (n && (await pop3("top", n)).stdout.includes(messageId)) {
          id = n;
          break;
        }
      }
      if (id === undefined) await new Promise((r) => setTimeout(r, 300));
    }
    expect(id).toBeDefined();
    const retrieved = await pop3("retr", id!);
    expect(retrieved.code).toBe(0);
    expect(retrieved.stdout.endsWith("\r\n\r\nhello\r\n.\r\n..dots\r\n")).toBe(true);
    expect(retrieved.stderr).toMatch(/^S: \[\d+ octets of message data\]$/m);
    const deleted = await pop3("dele", id!);
    expect(deleted.stderr).toMatch(/C: DELE \d+\nS: \+OK .*\n(.|\n)*C: QUIT/);
  }, 120_000);

  it("exits with the error code when the password is wrong", async () => {
    const failed = await mail(["smtp", "verify", "--user", alice.login, "--password", "wrong"]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("error AUTH_FAILED");
  });
});
