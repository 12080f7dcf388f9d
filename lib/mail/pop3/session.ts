/**
 * Opening a POP3 session: greeting (with its APOP timestamp), CAPA, STLS and CAPA again, then
 * login. With security "starttls" the session never goes on in plaintext, and no credential
 * is sent without TLS unless the account allows it.
 */
import { MailError } from "../errors.ts";
import { lineConnectionOptions } from "../net/index.ts";
import { login } from "./auth.ts";
import { type Pop3Capabilities, parseCapabilities } from "./capabilities.ts";
import { Pop3Connection } from "./connection.ts";
import { POP3_LIMITS, POP3_TIMEOUTS } from "./limits.ts";
import type { Pop3ClientOptions } from "./options.ts";
import { errError } from "./pop3-error.ts";
import { apopTimestamp } from "./response.ts";

export interface Pop3Session {
  connection: Pop3Connection;
  greeting: { text: string; apopTimestamp?: string };
  capabilities: Pop3Capabilities;
  /** How the session logged in: "SASL PLAIN", "USER", "APOP". */
  authMethod: string;
}

export async function openSession(options: Pop3ClientOptions): Promise<Pop3Session> {
  const timeouts = { ...POP3_TIMEOUTS, ...options.timeouts };
  const connection = await Pop3Connection.open(lineConnectionOptions(options, timeouts));
  try {
    const status = await connection.readStatus();
    if (status.kind === "err") throw errError(status, "greeting", "(greeting)");
    if (status.kind !== "ok") throw new MailError("PROTOCOL", "The server's greeting was not +OK");
    const greeting = { text: status.text, apopTimestamp: apopTimestamp(status.text) };
    let capabilities = await capa(connection);
    if (options.security === "starttls") {
      if (capabilities.known && !capabilities.stls) {
        // No STLS in CAPA: no TLS on this port, or a man in the middle removed it (RFC 2595
        // section 4 calls for TLS anyway when configured): either way, no plaintext session.
        throw new MailError(
          "STARTTLS_FAILED",
          `${options.host}:${options.port} does not offer STLS; refusing to continue without TLS`,
        );
      }
      await connection.command("STLS", "stls");
      await connection.upgradeToTls(options.tlsPolicy, timeouts.connectMs);
      capabilities = await capa(connection);
    }
    if (!connection.secure && !options.allowPlaintextAuth) {
      throw new MailError(
        "PLAINTEXT_REFUSED",
        `Not sending credentials to ${options.host}:${options.port} without TLS (the account does not allow it)`,
      );
    }
    const authMethod = await login(
      connection,
      capabilities,
      options.auth,
      options.authMethod ?? "auto",
      greeting.apopTimestamp,
    );
    // RFC 2449 section 5: some capabilities change after login; ask again if CAPA works.
    if (capabilities.known) capabilities = await capa(connection);
    return { connection, greeting, capabilities, authMethod };
  } catch (error) {
    connection.destroy();
    throw error;
  }
}

async function capa(connection: Pop3Connection): Promise<Pop3Capabilities> {
  await connection.send("CAPA");
  const status = await connection.readStatus();
  if (status.kind !== "ok") return parseCapabilities(null);
  const lines = await connection.readListing(
    POP3_LIMITS.maxCapabilityLines,
    POP3_LIMITS.maxListingLineLength,
  );
  return parseCapabilities(lines);
}
