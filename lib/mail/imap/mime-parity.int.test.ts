/**
 * The IMAP client's BODYSTRUCTURE tree (from Dovecot) and lib/mail/mime's parseMessage tree
 * for the same bytes must agree — same shape, section numbers, types, parameters, file names,
 * sizes and line counts — for every message of the public corpus, apart from the listed
 * exceptions, each with its exact differences and a reason (testing/mime-parity.ts). A new
 * difference, or a listed one that went away, fails the test.
 */
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImapClient } from "./client.ts";
import {
  compareCorpus,
  corpusFiles,
  EXCEPTIONS_FILE,
  type ParityException,
  REASONS,
} from "./testing/mime-parity.ts";
import { connectStack, removeTree, uniqueName } from "./testing/stack-client.ts";

const exceptions = JSON.parse(fs.readFileSync(EXCEPTIONS_FILE, "utf8")) as Record<
  string,
  ParityException
>;
let client: ImapClient;
const mailbox = uniqueName("parity");
let results: Map<string, string[]>;

beforeAll(async () => {
  client = await connectStack("dave");
  await client.createMailbox(mailbox);
  results = await compareCorpus(client, mailbox, corpusFiles());
}, 180_000);

afterAll(async () => {
  await removeTree(client, mailbox);
  await client.logout();
});

describe("BODYSTRUCTURE and the MIME parser agree", () => {
  it("compared every corpus message", () => {
    expect(results.size).toBe(corpusFiles().length);
    expect(results.size).toBeGreaterThan(800);
  });

  it("agree on every message that is not a listed exception", () => {
    const unexpected: Record<string, string[]> = {};
    for (const [file, differences] of results) {
      if (differences.length > 0 && !exceptions[file]) unexpected[file] = differences;
    }
    expect(unexpected).toEqual({});
  });

  it("differ on each listed exception exactly as recorded, for a known reason", () => {
    const drift: Record<string, { recorded: string[]; now: string[] }> = {};
    for (const [file, exception] of Object.entries(exceptions)) {
      expect(REASONS[exception.reason], `${file}: reason ${exception.reason}`).toBeDefined();
      const now = results.get(file) ?? [];
      if (JSON.stringify(now) !== JSON.stringify(exception.differences)) {
        drift[file] = { recorded: exception.differences, now };
      }
    }
    expect(drift).toEqual({});
  });

  it("agree on the large majority of the corpus", () => {
    const agreeing = [...results.values()].filter((d) => d.length === 0).length;
    // 757 of 883 when recorded; the rest are malformed messages and Dovecot quirks.
    expect(agreeing / results.size).toBeGreaterThan(0.85);
  });
});
