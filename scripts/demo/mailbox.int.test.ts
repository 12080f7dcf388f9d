/**
 * The demo mailbox, seeded into a throwaway stack user (carol: alice is the demo's own and is
 * used interactively) and checked from outside: over IMAP (folders, counts, flags, bytes), with
 * Python's email package (an independent MIME implementation: structure, defects, charsets,
 * attachments), and with sharp (libvips) for the generated pictures.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paths, resetUser, settings } from "../mailstack/stack.mjs";
import { CHARSET_SAMPLES } from "./charset-samples.mjs";
import { chartPng, logoPng, sunsetJpeg } from "./images.mjs";
import { type ImapProbe, openImap, quoted } from "./imap-probe.ts";
import {
  DEMO_FOLDERS,
  type DemoMessage,
  demoMessages,
  hasRealWorldCorpus,
  REAL_WORLD_FILES,
  REAL_WORLD_FOLDER,
  seedDemoMailbox,
  WELL_KNOWN,
} from "./mailbox.mjs";

const LOGIN = "carol@example.test";
const PASSWORD = settings.users.find((u) => u.login === LOGIN)?.password ?? "";
const NOW = new Date(Math.floor(Date.now() / 60_000) * 60_000);

interface PythonReport {
  file: string;
  subject: string;
  names: string[];
  problems: string[];
  texts: { type: string; charset: string | null; text: string }[];
  attachments: { type: string; name: string | null; size: number; problem: string | null }[];
  structure: string[];
}

let messages: DemoMessage[];
let reports: Map<string, PythonReport>;
let imap: ImapProbe;
let seededCounts: Record<string, number>;
const byId = (id: string) => {
  const m = messages.find((x) => x.id === id);
  if (!m) throw new Error(`no demo message ${id}`);
  return m;
};
const report = (id: string) => {
  const r = reports.get(`${id}.eml`);
  if (!r) throw new Error(`no Python report for ${id}`);
  return r;
};

beforeAll(async () => {
  messages = demoMessages({ login: LOGIN, now: NOW });
  seededCounts = (await seedDemoMailbox(LOGIN, { now: NOW })).counts;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lbx-demo-mime-"));
  try {
    for (const m of messages) fs.writeFileSync(path.join(dir, `${m.id}.eml`), m.bytes);
    const out = execFileSync("python3", [path.join(import.meta.dirname, "check-mime.py"), dir], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    reports = new Map(
      out
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as PythonReport)
        .map((r) => [r.file, r]),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  imap = await connect();
});

const connect = () =>
  openImap({
    host: settings.host,
    port: settings.ports.imaps,
    certFile: paths.certFile,
    login: LOGIN,
    password: PASSWORD,
  });

afterAll(async () => {
  await imap?.close();
  resetUser(LOGIN); // leave carol's mailbox as empty as we found it
});

/** MESSAGES and UNSEEN of a mailbox over IMAP STATUS. */
async function status(mailbox: string) {
  const reply = await imap.command(`STATUS ${quoted(mailbox)} (MESSAGES UNSEEN)`);
  const m = /MESSAGES (\d+) UNSEEN (\d+)/.exec(reply.lines.join(" "));
  if (!m) throw new Error(`no STATUS for ${mailbox}: ${reply.lines.join(" | ")}`);
  return { messages: Number(m[1]), unseen: Number(m[2]) };
}

describe("the demo mailbox as seeded", () => {
  it("has every demo folder, with the hierarchy separator the stack uses", async () => {
    const reply = await imap.command('LIST "" "*"');
    const names = reply.lines
      .map((l) => /^\* LIST \([^)]*\) "(.)" (.+)$/.exec(l))
      .filter((m) => m !== null);
    expect(new Set(names.map((m) => m[1]))).toEqual(new Set(["/"]));
    const folders = names.map((m) => (m[2] ?? "").replace(/^"|"$/g, ""));
    expect(folders).toEqual(expect.arrayContaining(DEMO_FOLDERS));
    expect(folders.includes(REAL_WORLD_FOLDER)).toBe(hasRealWorldCorpus());
  });

  it("holds exactly the generated messages in each folder, with their unread counts", async () => {
    for (const folder of DEMO_FOLDERS) {
      const inFolder = messages.filter((m) => m.mailbox === folder);
      expect(await status(folder), folder).toEqual({
        messages: inFolder.length,
        unseen: inFolder.filter((m) => !m.flags.includes("\\Seen")).length,
      });
    }
    if (hasRealWorldCorpus()) {
      expect((await status(REAL_WORLD_FOLDER)).messages).toBe(REAL_WORLD_FILES.length);
    }
  });

  it("keeps bytes, flags and INTERNALDATE of what it delivered", async () => {
    for (const id of [WELL_KNOWN.bounce, WELL_KNOWN.longRoute, WELL_KNOWN.draft]) {
      const m = byId(id);
      await imap.command(`SELECT ${quoted(m.mailbox)}`);
      const search = await imap.command(`UID SEARCH HEADER Message-ID ${quoted(m.messageId)}`);
      const uids = (search.lines.find((l) => l.startsWith("* SEARCH")) ?? "").split(" ").slice(2);
      expect(uids, id).toHaveLength(1);
      const fetched = await imap.command(`UID FETCH ${uids[0]} (FLAGS INTERNALDATE BODY.PEEK[])`);
      expect(fetched.literals[0]?.equals(m.bytes), id).toBe(true);
      const line = fetched.lines.join(" ");
      for (const flag of m.flags) expect(line, id).toContain(flag);
      const date = /INTERNALDATE "([^"]+)"/.exec(line)?.[1] ?? "";
      const parsed = new Date(date.replace(/^(\d+)-(\w+)-(\d+) /, "$2 $1 $3 "));
      expect(Math.abs(parsed.getTime() - m.internalDate.getTime()), id).toBeLessThan(1000);
    }
  });

  it("counts the flags it was asked for in INBOX", async () => {
    await imap.command('EXAMINE "INBOX"');
    const reply = await imap.command("FETCH 1:* (FLAGS)");
    const inbox = messages.filter((m) => m.mailbox === "INBOX");
    for (const flag of ["\\Seen", "\\Flagged", "\\Answered"]) {
      const want = inbox.filter((m) => m.flags.includes(flag)).length;
      expect(want, flag).toBeGreaterThan(0);
      expect(reply.lines.filter((l) => l.includes(flag)).length, flag).toBe(want);
    }
  });

  it("replaces the mailbox when seeded again instead of adding to it", async () => {
    const again = await seedDemoMailbox(LOGIN, { now: NOW });
    expect(again.counts).toEqual(seededCounts);
    // Reseeding ends the user's sessions (resetUser kicks them): sign in again.
    await imap.close();
    imap = await connect();
    expect((await status("INBOX")).messages).toBe(
      messages.filter((m) => m.mailbox === "INBOX").length,
    );
  });
});

describe("the demo messages", () => {
  it("are a few hundred, over six months, denser lately, none in the future", () => {
    expect(messages.length).toBeGreaterThanOrEqual(300);
    expect(messages.length).toBeLessThanOrEqual(400);
    expect(messages.filter((m) => m.mailbox === "INBOX").length).toBeGreaterThanOrEqual(200);
    const ages = messages.map((m) => (NOW.getTime() - m.internalDate.getTime()) / 86_400_000);
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ages)).toBeLessThan(200);
    expect(ages.filter((a) => a < 30).length).toBeGreaterThan(
      3 * ages.filter((a) => a >= 150).length,
    );
  });

  it("are the same bytes for the same seed and time, and differ for another seed", () => {
    const again = demoMessages({ login: LOGIN, now: NOW });
    expect(again.map((m) => m.id)).toEqual(messages.map((m) => m.id));
    expect(again.every((m, i) => m.bytes.equals(messages[i]?.bytes ?? Buffer.alloc(0)))).toBe(true);
    const other = demoMessages({ login: LOGIN, now: NOW, seed: 7 });
    expect(other.find((m) => m.id === WELL_KNOWN.bounce)?.messageId).not.toBe(
      byId(WELL_KNOWN.bounce).messageId,
    );
  });

  it("are valid MIME to Python's email package: no defects, CRLF lines within 998 octets", () => {
    expect(reports.size).toBe(messages.length);
    const problems = [...reports.values()]
      .filter((r) => r.problems.length > 0)
      .map((r) => [r.file, r.problems]);
    expect(problems).toEqual([]);
  });

  it("decode every charset sample to the text it was written in", () => {
    for (const [key, sample] of Object.entries(CHARSET_SAMPLES)) {
      const r = report(`international-${key}`);
      expect(r.subject, key).toBe(sample.subject);
      expect(r.names, key).toContain(sample.name);
      expect(r.texts[0]?.charset, key).toBe(sample.charset.toLowerCase());
      expect(r.texts[0]?.text.replace(/\r\n/g, "\n"), key).toBe(sample.body);
    }
    expect(report("international-emoji").subject).toBe("🎉 Happy birthday, Alice! 🎂🥳");
    expect(
      report("international-multilingual")
        .texts.map((t) => t.text)
        .join(""),
    ).toContain("مرحبًا بك في Hatter");
  });

  it("have the MIME structures and attachments the demo is meant to show", () => {
    const all = [...reports.values()];
    const types = new Set(all.flatMap((r) => r.structure));
    for (const t of [
      "multipart/alternative",
      "multipart/related",
      "multipart/report",
      "message/delivery-status",
      "text/rfc822-headers",
      "multipart/digest",
      "message/rfc822",
      "text/calendar",
    ]) {
      expect(types, t).toContain(t);
    }
    const attachments = all.flatMap((r) => r.attachments);
    expect(attachments.filter((a) => a.problem !== null)).toEqual([]);
    for (const t of [
      "image/png",
      "image/jpeg",
      "application/pdf",
      "text/csv",
      "application/ics",
      "application/zip",
      "audio/wav",
      "text/plain",
    ]) {
      expect(
        attachments.map((a) => a.type),
        t,
      ).toContain(t);
    }
    expect(Math.max(...attachments.map((a) => a.size))).toBeGreaterThan(1_500_000);
    expect(report(WELL_KNOWN.pngAndPdf).attachments.map((a) => a.type)).toEqual([
      "image/png",
      "application/pdf",
    ]);
    expect(report(WELL_KNOWN.bounce).structure.slice(0, 3)).toEqual([
      "multipart/report",
      "text/plain",
      "message/delivery-status",
    ]);
    expect(byId(WELL_KNOWN.bounce).bytes.toString()).toMatch(
      /Action: failed\r\nStatus: 5\.1\.1\r\n/,
    );
    expect(report(WELL_KNOWN.forwarded).structure).toContain("message/rfc822");
    expect(report("attachment-name-2231").attachments[0]?.name).toBe(
      "Präsentation Wingtip – Entwurf.pdf",
    );
    const html =
      report(WELL_KNOWN.remoteImages).texts.find((t) => t.type === "text/html")?.text ?? "";
    expect(html).toMatch(/<img src="https:\/\/images\.example\.com\//);
    const related =
      report(WELL_KNOWN.inlineImage).texts.find((t) => t.type === "text/html")?.text ?? "";
    expect(related).toMatch(/src="cid:logo-v3\./);
  });

  it("thread replies to one another and file Alice's answers in Sent", () => {
    const thread = messages.filter((m) => m.id.startsWith("thread-incident-"));
    expect(thread).toHaveLength(8);
    const ordered = [...thread].sort(
      (a, b) => Number(a.id.split("-")[2]) - Number(b.id.split("-")[2]),
    );
    ordered.slice(1).forEach((m, i) => {
      const head = m.bytes
        .subarray(0, m.bytes.indexOf("\r\n\r\n"))
        .toString()
        .replace(/\r\n[ \t]+/g, " ");
      expect(head, m.id).toContain(`In-Reply-To: ${ordered[i]?.messageId}`);
      expect(head, m.id).toMatch(/^Subject: Re: Dashboard latency spike/m);
      for (const earlier of ordered.slice(0, i + 1))
        expect(head, m.id).toContain(earlier.messageId);
    });
    expect(ordered.filter((m) => m.mailbox === "Sent").length).toBe(2);
    expect(byId("thread-incident-3").flags).toContain("\\Answered");
  });

  it("route message has six Received hops in time order, one of them slow", () => {
    const m = byId(WELL_KNOWN.longRoute);
    const head = m.bytes
      .subarray(0, m.bytes.indexOf("\r\n\r\n"))
      .toString()
      .replace(/\r\n[ \t]+/g, " ");
    const hops = [...head.matchAll(/^Received: .*; (.+?)(?: \(\w+\))?$/gm)].map((x) =>
      new Date(x[1] ?? "").getTime(),
    );
    expect(hops).toHaveLength(6);
    const times = hops.reverse();
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
    expect(gaps.every((g) => g >= 0)).toBe(true);
    expect(Math.max(...gaps)).toBeGreaterThan(120_000);
    expect(head).toMatch(/Authentication-Results: .*spf=pass.*dmarc=pass/);
  });
});

describe("the demo's pictures", () => {
  it("decode as real PNG and JPEG images", async () => {
    for (const [bytes, format, width, height] of [
      [chartPng(), "png", 640, 360],
      [logoPng(), "png", 96, 96],
      [sunsetJpeg(), "jpeg", 640, 427],
    ] as const) {
      const meta = await sharp(bytes).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual([format, width, height]);
      const { channels } = await sharp(bytes).stats();
      expect(channels[0]?.stdev, format).toBeGreaterThan(10); // a picture, not a blank
    }
  });
});
