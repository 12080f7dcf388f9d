/**
 * The key that encrypts mail passwords at rest. It never goes into the database: either it is
 * derived from LETTERBOX_SECRET, or the first start generates a random one into the data
 * directory (readable by the server's user only). Losing it means people sign in again;
 * leaking the database alone reveals no password.
 */
import { hkdfSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { databaseConfig, dataDir } from "../../db/config.ts";

const KEY_FILE = "secret.key";
const MIN_SECRET_LENGTH = 16;

let cached: Buffer | undefined;

export function serverKey(): Buffer {
  cached ??= loadKey();
  return cached;
}

/** For tests that switch LETTERBOX_SECRET or the data directory within one process. */
export function forgetServerKey(): void {
  cached = undefined;
}

function loadKey(): Buffer {
  const secret = process.env.LETTERBOX_SECRET;
  if (secret !== undefined && secret !== "") {
    if (secret.length < MIN_SECRET_LENGTH) {
      throw new Error(`LETTERBOX_SECRET must be at least ${MIN_SECRET_LENGTH} characters long`);
    }
    return Buffer.from(hkdfSync("sha256", secret, "letterbox", "credentials-v1", 32));
  }
  if (databaseConfig().provider === "postgresql") {
    // PostgreSQL means several app servers: each would generate a key of its own, and none
    // could read the passwords (or check the image links) another one wrote.
    throw new Error(
      "With PostgreSQL (DATABASE_URL=postgres://…) set LETTERBOX_SECRET, the same on every app server: it is what encrypts the stored mail passwords.",
    );
  }
  const dir = dataDir();
  const file = path.join(dir, KEY_FILE);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    return decodeKeyFile(fs.readFileSync(file, "utf8"), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const key = randomBytes(32);
  try {
    // "wx": if two processes start together, exactly one writes and both read its key.
    fs.writeFileSync(file, `${key.toString("hex")}\n`, { mode: 0o600, flag: "wx" });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return decodeKeyFile(fs.readFileSync(file, "utf8"), file);
  }
}

function decodeKeyFile(text: string, file: string): Buffer {
  const key = Buffer.from(text.trim(), "hex");
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte hex key`);
  return key;
}
