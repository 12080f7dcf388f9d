/**
 * SASL client mechanisms shared by SMTP AUTH (RFC 4954) and POP3 AUTH (RFC 5034). Each protocol
 * wraps the exchange in its own framing (SMTP "334 <base64>", POP3 "+ <base64>"); the
 * mechanisms only turn server challenges into client responses, as raw bytes. Nothing here
 * touches a socket, so every mechanism is testable as bytes in, bytes out.
 */
import { MailError } from "../errors.ts";

export type Credentials =
  | { user: string; password: string }
  | { user: string; accessToken: string };

export interface SaslMechanism {
  /** The IANA name as it appears in the server's list (upper case). */
  readonly name: string;
  /**
   * The client-first response (RFC 4422 section 4), sent with the AUTH command itself to save a
   * round trip, or null when the mechanism waits for the server to speak first.
   */
  initialResponse(): Buffer | null;
  /** The answer to one decoded server challenge. */
  respond(challenge: Buffer): Buffer;
}

/** RFC 4616: authzid NUL authcid NUL passwd, UTF-8; a NUL inside a field would shift them. */
export function plainMechanism(user: string, password: string): SaslMechanism {
  refuseNul(user, "user name");
  refuseNul(password, "password");
  const message = Buffer.from(`\0${user}\0${password}`, "utf8");
  return {
    name: "PLAIN",
    initialResponse: () => message,
    // A server that ignored the initial response asks with an empty challenge (RFC 4422 5).
    respond: () => message,
  };
}

/**
 * LOGIN (draft-murchison-sasl-login): the server prompts twice. Prompt texts vary between
 * servers ("Username:", "User Name", localised), so the answer follows the step, not the text.
 */
export function loginMechanism(user: string, password: string): SaslMechanism {
  let step = 0;
  return {
    name: "LOGIN",
    initialResponse: () => null,
    respond: () => {
      step += 1;
      if (step === 1) return Buffer.from(user, "utf8");
      if (step === 2) return Buffer.from(password, "utf8");
      throw new MailError("PROTOCOL", "The server asked for more than a user name and password");
    },
  };
}

/**
 * XOAUTH2 (Google/Microsoft): "user=U^Aauth=Bearer T^A^A". On failure the server sends a
 * JSON error as a challenge and expects an empty response before its final error reply.
 */
export function xoauth2Mechanism(user: string, accessToken: string): SaslMechanism {
  if (/[\x00-\x1f\x7f]/.test(user) || /[\x00-\x1f\x7f\s]/.test(accessToken)) {
    throw new MailError(
      "INVALID_INPUT",
      "The user name or access token contains control characters",
    );
  }
  const message = Buffer.from(`user=${user}\x01auth=Bearer ${accessToken}\x01\x01`, "utf8");
  return {
    name: "XOAUTH2",
    initialResponse: () => message,
    respond: () => Buffer.alloc(0),
  };
}

/**
 * Pick the mechanism for these credentials among those the server offers. PLAIN before LOGIN:
 * both send the password (only ever under TLS or with explicit consent, checked by the
 * caller), PLAIN in one round trip. Returns null when nothing fits.
 */
export function chooseMechanism(
  offered: readonly string[],
  credentials: Credentials,
): SaslMechanism | null {
  const has = (name: string) => offered.some((m) => m.toUpperCase() === name);
  if ("accessToken" in credentials) {
    return has("XOAUTH2") ? xoauth2Mechanism(credentials.user, credentials.accessToken) : null;
  }
  if (has("PLAIN")) return plainMechanism(credentials.user, credentials.password);
  if (has("LOGIN")) return loginMechanism(credentials.user, credentials.password);
  return null;
}

function refuseNul(value: string, what: string): void {
  if (value.includes("\0")) {
    throw new MailError("INVALID_INPUT", `The ${what} contains a NUL character`);
  }
}
