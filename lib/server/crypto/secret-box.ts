/**
 * AES-256-GCM for credentials at rest. The ciphertext is bound to what it belongs to (the
 * account id as associated data), so a value copied into another row does not decrypt.
 * Format: `v1.<iv>.<tag>.<ciphertext>`, base64url parts.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { serverKey } from "./server-key.ts";

const VERSION = "v1";

export function seal(plaintext: string, context: string, key: Buffer = serverKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), body]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretBoxError";
  }
}

export function open(sealed: string, context: string, key: Buffer = serverKey()): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined) {
    throw new SecretBoxError("The stored credential is not in a known format");
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([
      decipher.update(Buffer.from(body, "base64url")),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    // GCM refuses tampered data and the wrong key alike; the caller asks the person to sign in again.
    throw new SecretBoxError("The stored credential cannot be decrypted with this server's key");
  }
}
