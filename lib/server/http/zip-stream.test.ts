import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { p10Names } from "./testing/hostile-p10.ts";
import {
  ZIP32_MAX_ENTRIES,
  type ZipEntryInput,
  ZipLimitError,
  zipReadableStream,
  zipStream,
} from "./zip-stream.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "lbx-zip-"));
  dirs.push(dir);
  return dir;
}

async function collect(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function* slowChunks(data: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < data.length; i += size) {
    await Promise.resolve();
    yield data.subarray(i, i + size);
  }
}

const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

/** What Python's zipfile (an independent reader) sees in the archive. */
function pythonRead(file: string) {
  const script = [
    "import hashlib, json, sys, zipfile",
    "z = zipfile.ZipFile(sys.argv[1])",
    "bad = z.testzip()",
    "out = {'bad': bad, 'entries': []}",
    "for i in z.infolist():",
    "    data = z.read(i)",
    "    out['entries'].append({'name': i.filename, 'flags': i.flag_bits, 'method': i.compress_type,",
    "        'date': list(i.date_time), 'size': i.file_size, 'sha256': hashlib.sha256(data).hexdigest()})",
    "print(json.dumps(out))",
  ].join("\n");
  const run = spawnSync("python3", ["-c", script, file], { encoding: "utf8" });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as {
    bad: string | null;
    entries: {
      name: string;
      flags: number;
      method: number;
      date: number[];
      size: number;
      sha256: string;
    }[];
  };
}

describe("zipStream", () => {
  const big = randomBytes(3 * 1024 * 1024 + 17);
  const small = new TextEncoder().encode("hello, zip\n");
  const longName = p10Names()[2]!;
  const date = new Date(Date.UTC(2024, 1, 29, 12, 34, 56));

  const entries = (): ZipEntryInput[] => [
    { name: "../../../tmp/lbx-pub-1.txt", data: small, date },
    { name: "invoice\u202Efdp.exe", data: [new Uint8Array([0x4d, 0x5a])], date },
    { name: longName, data: new Uint8Array(0), date },
    { name: "Report.pdf", data: slowChunks(big, 65_536), date },
    { name: "report.PDF", data: small, date },
    { name: "Report.pdf", data: small, date },
    { name: "Ünïcödé 报告 \u{1F44D}.txt", data: small, date },
  ];
  const expectedNames = [
    "lbx-pub-1.txt",
    "invoicefdp.exe",
    `${"L".repeat(146)}.pdf`,
    "Report.pdf",
    "report (2).PDF",
    "Report (3).pdf",
    "Ünïcödé 报告 \u{1F44D}.txt",
  ];

  it("writes an archive Python's zipfile and Info-ZIP unzip test and extract byte for byte", async () => {
    const dir = tempDir();
    const file = path.join(dir, "all.zip");
    writeFileSync(file, await collect(zipStream(entries())));

    const seen = pythonRead(file);
    expect(seen.bad).toBeNull(); // every CRC checks
    expect(seen.entries.map((e) => e.name)).toEqual(expectedNames);
    for (const entry of seen.entries) {
      expect(entry.flags).toBe(0x0808); // data descriptor + UTF-8 name
      expect(entry.method).toBe(0); // STORE
      expect(entry.date).toEqual([2024, 2, 29, 12, 34, 56]);
    }
    expect(seen.entries.map((e) => e.size)).toEqual([11, 2, 0, big.length, 11, 11, 11]);
    expect(seen.entries[3]!.sha256).toBe(sha256(big));
    expect(seen.entries[0]!.sha256).toBe(sha256(small));

    const zipTest = spawnSync("python3", ["-m", "zipfile", "-t", file], { encoding: "utf8" });
    expect(zipTest.status, zipTest.stderr).toBe(0);

    const unzipTest = spawnSync("unzip", ["-t", file], { encoding: "utf8" });
    expect(unzipTest.status, unzipTest.stdout).toBe(0);
    expect(unzipTest.stdout).toContain("No errors detected");

    const out = path.join(dir, "out");
    const extract = spawnSync("unzip", ["-q", file, "-d", out], { encoding: "utf8" });
    expect(extract.status, extract.stderr).toBe(0);
    // Nothing outside the target directory, no sub-directories: one flat folder of files.
    expect(readdirSync(dir).sort()).toEqual(["all.zip", "out"]);
    expect(readdirSync(out).sort()).toEqual([...expectedNames].sort());
    expect(sha256(readFileSync(path.join(out, "Report.pdf")))).toBe(sha256(big));
    expect(readFileSync(path.join(out, "lbx-pub-1.txt"), "utf8")).toBe("hello, zip\n");
  });

  it("lists the entries with unzip -l and the sizes it reports", async () => {
    const dir = tempDir();
    const file = path.join(dir, "list.zip");
    writeFileSync(file, await collect(zipStream(entries())));
    const env = { ...process.env, TZ: "UTC" };
    const list = spawnSync("unzip", ["-l", file], { encoding: "utf8", env });
    expect(list.status).toBe(0);
    // Debian's unzip prints ISO dates, upstream MM-DD-YYYY.
    expect(list.stdout).toMatch(
      new RegExp(`\\s${big.length}\\s+(?:2024-02-29|02-29-2024) 12:34\\s+Report\\.pdf`),
    );
    expect(list.stdout).toMatch(/\s7 files\s*$/);
  });

  it("streams: the first bytes come out before the entry's data has been read", async () => {
    let pulled = 0;
    async function* counted(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 10; i++) {
        pulled++;
        yield new Uint8Array(1024);
      }
    }
    const iterator = zipStream([{ name: "a.bin", data: counted() }])[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(new DataView(first.value!.buffer).getUint32(0, true)).toBe(0x04034b50);
    expect(pulled).toBe(0);
    await iterator.next();
    expect(pulled).toBe(1);
    await iterator.return(undefined);
  });

  it("refuses to pass its size limit before writing the bytes that would", async () => {
    const chunks: Uint8Array[] = [];
    const run = async () => {
      for await (const chunk of zipStream([{ name: "a.bin", data: new Uint8Array(2_000) }], {
        maxArchiveBytes: 1_000,
      })) {
        chunks.push(chunk);
      }
    };
    await expect(run()).rejects.toBeInstanceOf(ZipLimitError);
    await expect(run()).rejects.toMatchObject({ code: "ZIP_TOO_LARGE" });
    expect(chunks.reduce((n, c) => n + c.length, 0)).toBeLessThanOrEqual(1_000);
  });

  it("refuses more entries than ZIP32 can count", async () => {
    function* many(): Generator<ZipEntryInput> {
      for (let i = 0; i <= ZIP32_MAX_ENTRIES; i++)
        yield { name: "same.txt", data: new Uint8Array(0) };
    }
    await expect(collect(zipStream(many()))).rejects.toThrow(/more than 65535 entries/);
  });

  it("passes a source error on, and cancelling closes the sources", async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array(10);
      throw new Error("IMAP connection lost");
    }
    await expect(collect(zipStream([{ name: "a", data: failing() }]))).rejects.toThrow(
      "IMAP connection lost",
    );

    let closed = false;
    async function* endless(): AsyncGenerator<Uint8Array> {
      try {
        for (;;) yield new Uint8Array(1024);
      } finally {
        closed = true;
      }
    }
    const reader = zipReadableStream([{ name: "a", data: endless() }]).getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    expect(closed).toBe(true);
  });

  it("as a ReadableStream gives the same bytes", async () => {
    const fromGenerator = await collect(zipStream(entries()));
    const stream = zipReadableStream(entries());
    const fromStream = Buffer.from(await new Response(stream).arrayBuffer());
    // Only the bytes: both runs use the same explicit dates.
    expect(sha256(fromStream)).toBe(sha256(fromGenerator));
  });
});
