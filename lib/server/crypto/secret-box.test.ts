import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { open, SecretBoxError, seal } from "./secret-box.ts";
import { forgetServerKey, serverKey } from "./server-key.ts";

const key = randomBytes(32);

describe("secret box", () => {
  it("round-trips a password and never contains it in clear", () => {
    const sealed = seal('p"w\\{2} pässwörd', "account:a1", key);
    expect(sealed).not.toContain("pässwörd");
    expect(sealed.startsWith("v1.")).toBe(true);
    expect(open(sealed, "account:a1", key)).toBe('p"w\\{2} pässwörd');
  });

  it("uses a fresh IV each time", () => {
    expect(seal("same", "ctx", key)).not.toBe(seal("same", "ctx", key));
  });

  it("refuses a value moved to another account", () => {
    const sealed = seal("secret", "account:a1", key);
    expect(() => open(sealed, "account:a2", key)).toThrow(SecretBoxError);
  });

  it("refuses tampered ciphertext and the wrong key", () => {
    const sealed = seal("secret", "ctx", key);
    const parts = sealed.split(".");
    const body = Buffer.from(parts[3]!, "base64url");
    body[0]! ^= 1;
    parts[3] = body.toString("base64url");
    expect(() => open(parts.join("."), "ctx", key)).toThrow(SecretBoxError);
    expect(() => open(sealed, "ctx", randomBytes(32))).toThrow(SecretBoxError);
  });
});

describe("server key", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    forgetServerKey();
  });

  it("generates a key file on first use, private to the server user, and reuses it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lbx-key-"));
    process.env.LETTERBOX_DATA_DIR = dir;
    delete process.env.LETTERBOX_SECRET;
    forgetServerKey();
    const first = serverKey();
    const file = path.join(dir, "secret.key");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    forgetServerKey();
    expect(serverKey().equals(first)).toBe(true);
    fs.rmSync(dir, { recursive: true });
  });

  it("derives the key from LETTERBOX_SECRET without writing a file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lbx-key-"));
    process.env.LETTERBOX_DATA_DIR = dir;
    process.env.LETTERBOX_SECRET = "correct horse battery staple";
    forgetServerKey();
    const derived = serverKey();
    expect(derived.length).toBe(32);
    expect(fs.existsSync(path.join(dir, "secret.key"))).toBe(false);
    process.env.LETTERBOX_SECRET = "another long enough secret";
    forgetServerKey();
    expect(serverKey().equals(derived)).toBe(false);
    fs.rmSync(dir, { recursive: true });
  });

  it("with PostgreSQL, refuses to generate a key of its own (each app server would differ)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lbx-key-"));
    process.env.LETTERBOX_DATA_DIR = dir;
    process.env.DATABASE_URL = "postgresql://letterbox@db.example.test/letterbox";
    delete process.env.LETTERBOX_SECRET;
    forgetServerKey();
    expect(() => serverKey()).toThrow(/set LETTERBOX_SECRET/);
    expect(fs.existsSync(path.join(dir, "secret.key"))).toBe(false);
    process.env.LETTERBOX_SECRET = "a secret shared by every app server";
    forgetServerKey();
    expect(serverKey().length).toBe(32);
    fs.rmSync(dir, { recursive: true });
  });

  it("refuses a short LETTERBOX_SECRET", () => {
    process.env.LETTERBOX_SECRET = "short";
    forgetServerKey();
    expect(() => serverKey()).toThrow(/at least 16/);
  });
});
