/** `npm run -s mail -- imap ...` (lib/mail/cli/imap.ts) against the stack's Dovecot. */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailstack, stackUser } from "@/lib/dev/mailstack";
import type { ImapClient } from "./client.ts";
import { connectStack, message, removeTree, uniqueName } from "./testing/stack-client.ts";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../../..");
const carol = stackUser("carol");
const mailbox = uniqueName("cli-été");
let client: ImapClient;
const sources: Buffer[] = [];

function cli(args: string[]) {
  return run("npx", ["tsx", "lib/mail/cli/main.ts", "imap", ...args], {
    cwd: ROOT,
    encoding: "buffer",
    maxBuffer: 16 * 1024 * 1024,
    env: {
      ...process.env,
      MAILSTACK_HOST: mailstack.host,
      MAILSTACK_IMAP_PORT: String(mailstack.ports.imap),
      MAILSTACK_CERT: mailstack.certFile,
      IMAP_USER: carol.login,
      IMAP_PASSWORD: carol.password,
    },
  });
}

beforeAll(async () => {
  client = await connectStack("carol");
  await client.createMailbox(mailbox);
  for (const subject of ["first", "second", "third — ünïcode"]) {
    const bytes = message({
      subject: `=?utf-8?q?${encodeURIComponent(subject).replace(/%/g, "=")}?=`,
    });
    sources.push(bytes);
    await client.append(mailbox, bytes);
  }
});
afterAll(async () => {
  await removeTree(client, mailbox);
  await client.logout();
});

describe("mail imap CLI", () => {
  it("mailboxes: every mailbox with its counts", async () => {
    const { stdout } = await cli(["mailboxes"]);
    const line = stdout
      .toString()
      .split("\n")
      .find((l) => l.startsWith(mailbox));
    expect(line).toMatch(/\s3\s+3\s*$/);
  });

  it("messages: newest first, a page at a time, subjects decoded", async () => {
    const { stdout } = await cli(["messages", mailbox, "--count", "2"]);
    const lines = stdout.toString().trim().split("\n");
    expect(lines[0]).toBe(`${mailbox}: 3 messages`);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^\s+3 \* .*third — ünïcode/);
    expect(lines[2]).toMatch(/^\s+2 \* .*second/);
    const next = await cli(["messages", mailbox, "--count", "2", "--page", "1"]);
    expect(next.stdout.toString()).toMatch(/^\s+1 \* .*first/m);
  });

  it("source: the raw message, byte for byte, and a redacted transcript on stderr", async () => {
    const { stdout, stderr } = await cli(["source", mailbox, "2", "--transcript"]);
    expect(stdout).toEqual(sources[1]);
    const transcript = stderr.toString();
    expect(transcript).toContain("C: A1 STARTTLS");
    expect(transcript).toContain("C: A3 AUTHENTICATE PLAIN [initial response]");
    expect(transcript).toMatch(/S: \* \d+ FETCH \(UID 2 BODY\[\] \{\d+\}/);
    expect(transcript).not.toContain(carol.password);
    expect(transcript).not.toContain(
      Buffer.from(`\0${carol.login}\0${carol.password}`).toString("base64"),
    );
  });

  it("fails with a typed error for a wrong password", async () => {
    const error = (await cli(["mailboxes", "--password", "wrong"]).catch((e) => e)) as {
      code: number;
      stderr: Buffer;
    };
    expect(error.code).toBe(1);
    expect(error.stderr.toString()).toMatch(/^error AUTH_FAILED: /m);
  });
});
