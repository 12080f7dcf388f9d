import { execFile } from "node:child_process";
import crypto from "node:crypto";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailstack } from "@/lib/dev/mailstack";
import type { ImapClient } from "../client.ts";
import { connectStack, message, removeTree, uniqueName } from "../testing/stack-client.ts";

const run = promisify(execFile);

/** Deliver through Postfix's unauthenticated inbound port, as mail from outside arrives. */
async function sendBySmtp(to: string, subject: string): Promise<void> {
  await run("swaks", [
    "--server",
    `${mailstack.host}:${mailstack.ports.smtp}`,
    "--from",
    "alice@example.test",
    "--to",
    to,
    "--header",
    `Subject: ${subject}`,
    "--body",
    "Delivered while idling.",
    "--hide-all",
  ]);
}

let client: ImapClient;
const transcript: string[] = [];

beforeAll(async () => {
  client = await connectStack("dave", { transcript: (d, t) => transcript.push(`${d}: ${t}`) });
});
afterAll(async () => {
  await client.logout();
});

function waitFor<T>(check: () => T | undefined, ms = 15_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      const value = check();
      if (value !== undefined) resolve(value);
      else if (Date.now() - started > ms) reject(new Error("timed out waiting"));
      else setTimeout(tick, 25);
    };
    tick();
  });
}

describe("IDLE", () => {
  it("sees a message Postfix delivers over SMTP, as an exists event", async () => {
    await client.select("INBOX");
    const subject = `idle-${crypto.randomUUID()}`;
    const counts: number[] = [];
    const off = client.on("exists", (e) => counts.push(e.count));
    let idle = client.idle();
    await idle.started;
    expect(transcript.at(-1)).toMatch(/^S: \+ idling/);
    await sendBySmtp("dave@example.test", subject);
    // Others deliver to this INBOX too: on every EXISTS, look for ours, then idle again.
    let found: number | undefined;
    for (let seen = 0; found === undefined; ) {
      await waitFor(() => (counts.length > seen ? true : undefined));
      seen = counts.length;
      await idle.stop();
      found = (await client.search({ header: ["Subject", subject] })).ids[0];
      if (found === undefined) {
        idle = client.idle();
        await idle.started;
      }
    }
    off();
    const [newest] = await client.fetchMessageList(found, { byUid: true });
    expect(newest!.envelope!.subject).toBe(subject);
    expect(client.mailbox!.exists).toBe(counts.at(-1));
    expect(transcript.join("\n")).toMatch(/C: DONE\nS: A\d+ OK Idle completed/);
  });

  it("ends IDLE for a queued command and resumes after it", async () => {
    const root = uniqueName("idle");
    await client.createMailbox(root);
    await client.select(root);
    const idle = client.idle();
    await idle.started;
    const before = transcript.length;
    await client.append(root, message({ subject: "during idle" }));
    const status = await client.status("INBOX");
    expect(status.messages).toBeGreaterThan(0);
    await waitFor(() =>
      transcript.slice(before).filter((l) => /^S: \+ idling/.test(l)).length > 0 ? true : undefined,
    );
    const lines = transcript
      .slice(before)
      .filter((l) => /^C: /.test(l))
      .map((l) => l.replace(/^C: A\d+ /, "C: "));
    expect(lines.slice(0, 2)).toEqual(["C: DONE", expect.stringMatching(/^C: APPEND /)]);
    expect(lines).toContain("C: IDLE");
    await idle.stop();
    expect(client.mailbox!.exists).toBe(1);
    await removeTree(client, root);
  });

  it("re-issues IDLE within the restart interval", async () => {
    await client.select("INBOX");
    const before = transcript.length;
    const idle = client.idle({ restartMs: 200 });
    await idle.started;
    await waitFor(() =>
      transcript.slice(before).filter((l) => /IDLE$/.test(l)).length >= 3 ? true : undefined,
    );
    await idle.stop();
    expect(client.usable).toBe(true);
    await client.noop();
  });
});
