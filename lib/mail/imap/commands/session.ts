/**
 * Session commands (RFC 3501 section 6.1–6.2): CAPABILITY, NOOP, LOGOUT, STARTTLS, LOGIN,
 * AUTHENTICATE (PLAIN with SASL-IR, RFC 4959; XOAUTH2 or any SaslMechanism), ID (RFC 2971)
 * and ENABLE (RFC 5161).
 */
import type { TlsPolicy } from "../../net/index.ts";
import type { SaslMechanism } from "../../sasl/index.ts";
import { raw, str } from "../command-builder.ts";
import type { ImapConnection } from "../connection.ts";
import { ImapError } from "../errors.ts";

export async function capability(conn: ImapConnection): Promise<Set<string>> {
  await conn.run({ name: "CAPABILITY", args: [raw("CAPABILITY")] });
  return conn.capabilities;
}

export async function noop(conn: ImapConnection): Promise<void> {
  await conn.run({ name: "NOOP", args: [raw("NOOP")] });
}

export async function logout(conn: ImapConnection): Promise<void> {
  conn.markLoggingOut();
  try {
    await conn.run({ name: "LOGOUT", args: [raw("LOGOUT")] });
  } finally {
    conn.destroy(new ImapError("CLOSED", "Logged out"));
  }
}

/**
 * STARTTLS (RFC 3501 6.2.1). Any failure — NO, a failed handshake, data injected before it —
 * ends the connection: nothing more is ever sent in plaintext. Capabilities learned before
 * TLS are forgotten, as the RFC requires, and read again over the secure channel.
 */
export async function starttls(
  conn: ImapConnection,
  policy: TlsPolicy | undefined,
  timeoutMs: number,
): Promise<void> {
  try {
    await conn.run({ name: "STARTTLS", args: [raw("STARTTLS")], pauseReadingAfter: true });
  } catch (error) {
    const failure = new ImapError(
      "STARTTLS_FAILED",
      `The server refused STARTTLS; not continuing in plaintext (${(error as Error).message})`,
      { command: "STARTTLS" },
      { cause: error },
    );
    conn.destroy(failure);
    throw failure;
  }
  await conn.upgradeToTls(policy, timeoutMs);
  conn.setCapabilities([]);
  await capability(conn);
}

/** LOGIN (RFC 3501 6.2.3): both values quoted or literal, the password never in a transcript. */
export async function login(conn: ImapConnection, user: string, password: string): Promise<void> {
  if (conn.has("LOGINDISABLED")) {
    throw new ImapError(
      "AUTH_UNAVAILABLE",
      "The server disabled LOGIN on this connection (LOGINDISABLED); use TLS or AUTHENTICATE",
      { command: "LOGIN" },
    );
  }
  const response = await conn.run({
    name: "LOGIN",
    args: [raw("LOGIN"), str(user), str(password, { secret: true })],
    noCode: "AUTH_FAILED",
  });
  await afterLogin(conn, response.code?.name === "CAPABILITY");
}

/**
 * AUTHENTICATE (RFC 3501 6.2.2) with any SASL mechanism from lib/mail/sasl (PLAIN, XOAUTH2,
 * LOGIN, ...). With SASL-IR (RFC 4959) the client-first response rides on the command line,
 * saving a round trip. Payloads never reach the transcript.
 */
export async function authenticate(conn: ImapConnection, mechanism: SaslMechanism): Promise<void> {
  if (!/^[A-Z0-9_-]+$/i.test(mechanism.name)) {
    throw new ImapError("INVALID_INPUT", `${mechanism.name} is not a SASL mechanism name`);
  }
  if (!conn.has(`AUTH=${mechanism.name}`)) {
    throw new ImapError("AUTH_UNAVAILABLE", `The server does not offer AUTH=${mechanism.name}`, {
      command: "AUTHENTICATE",
    });
  }
  const initial = mechanism.initialResponse();
  const args = [raw("AUTHENTICATE"), raw(mechanism.name)];
  if (initial !== null && conn.has("SASL-IR")) {
    // RFC 4959 section 3: an empty initial response is sent as "=".
    args.push(raw(initial.length === 0 ? "=" : initial.toString("base64"), "[initial response]"));
  }
  let mechanismError: unknown = null;
  const response = await conn
    .run({
      name: "AUTHENTICATE",
      args,
      noCode: "AUTH_FAILED",
      onContinuation: async (challenge, reply) => {
        let answer: string;
        try {
          answer = mechanism.respond(Buffer.from(challenge.text, "base64")).toString("base64");
        } catch (error) {
          // The mechanism cannot go on: "*" cancels the exchange (RFC 3501 6.2.2).
          mechanismError = error;
          answer = "*";
        }
        await reply.send(answer, "[SASL response]");
      },
    })
    .catch((error: unknown) => {
      throw mechanismError ?? error;
    });
  await afterLogin(conn, response.code?.name === "CAPABILITY");
}

/** Capabilities often change at login (RFC 3501 6.2.3); read them again unless just sent. */
async function afterLogin(conn: ImapConnection, capabilitiesSent: boolean): Promise<void> {
  conn.state = "authenticated";
  if (!capabilitiesSent) await capability(conn);
}

/** ID (RFC 2971): tell the server who we are; returns what it says about itself. */
export async function id(
  conn: ImapConnection,
  params: Record<string, string> | null,
): Promise<Record<string, string | null> | null> {
  let server: Record<string, string | null> | null = null;
  const list = params
    ? Object.entries(params)
        .slice(0, 30) // RFC 2971 section 3.3: at most 30 field-value pairs.
        .flatMap(([key, value]) => [str(key), str(value)])
    : null;
  await conn.run({
    name: "ID",
    args: [raw("ID"), list ?? raw("NIL")],
    onUntagged: (data) => {
      if (data.type !== "id") return false;
      server = data.params;
      return true;
    },
  });
  return server;
}

/** ENABLE (RFC 5161) the extensions the server offers from `wanted`; returns those enabled. */
export async function enable(conn: ImapConnection, wanted: string[]): Promise<string[]> {
  const offered = wanted.filter((c) => conn.has(c)).map((c) => c.toUpperCase());
  if (!conn.has("ENABLE") || offered.length === 0) return [];
  for (const c of offered) {
    if (!/^[A-Z0-9=+_.-]+$/.test(c)) throw new ImapError("INVALID_INPUT", `Bad capability ${c}`);
  }
  await conn.run({ name: "ENABLE", args: [raw("ENABLE"), ...offered.map((c) => raw(c))] });
  return offered.filter((c) => conn.enabled.has(c));
}
