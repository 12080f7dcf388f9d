/**
 * Opening an SMTP session: greeting, EHLO (HELO for servers without ESMTP), STARTTLS and EHLO
 * again, then AUTH. The TLS rules live here: with security "starttls" the session never goes
 * on in plaintext, and no password is sent without TLS unless the account allows it.
 */
import { MailError } from "../errors.ts";
import { lineConnectionOptions } from "../net/index.ts";
import { authenticate } from "./auth.ts";
import { SmtpConnection } from "./connection.ts";
import {
  heloCapabilities,
  parseEhloReply,
  type SmtpCapabilities,
  withoutExtensions,
} from "./extensions.ts";
import { resolveClientName, resolveTimeouts, type SmtpClientOptions } from "./options.ts";
import type { SmtpReply } from "./reply.ts";
import { replyError } from "./smtp-error.ts";

export interface SmtpSession {
  connection: SmtpConnection;
  greeting: SmtpReply;
  capabilities: SmtpCapabilities;
  /** The SASL mechanism used, when the session authenticated. */
  authMechanism?: string;
}

export async function openSession(options: SmtpClientOptions): Promise<SmtpSession> {
  const timeouts = resolveTimeouts(options.timeouts);
  const connectOptions = lineConnectionOptions(options, timeouts);
  const clientName = resolveClientName(options.clientName);
  const connection = await SmtpConnection.open(connectOptions);
  try {
    // RFC 5321 section 4.3.1: 220 welcomes us, 554 refuses the session (421 is thrown by read).
    const greeting = await connection.read("greeting", "(greeting)", timeouts.greetingMs);
    if (greeting.code !== 220) throw replyError(greeting, "greeting", "(greeting)");
    let capabilities = await hello(connection, clientName);
    if (options.security === "starttls") {
      if (!capabilities.startTls) {
        // Either the server has no TLS or someone removed STARTTLS from its reply (the
        // stripping attack of RFC 3207 section 6): either way, no plaintext session.
        throw new MailError(
          "STARTTLS_FAILED",
          `${options.host}:${options.port} does not offer STARTTLS; refusing to continue without TLS`,
        );
      }
      await connection.command("STARTTLS", "starttls", [220]);
      await connection.upgradeToTls(options.tlsPolicy, timeouts.connectMs);
      // RFC 3207 section 4.2: forget everything learnt before TLS and ask again.
      capabilities = await hello(connection, clientName);
    }
    capabilities = withoutExtensions(capabilities, options.ignoreExtensions ?? []);
    let authMechanism: string | undefined;
    if (options.auth) {
      if (!connection.secure && !options.allowPlaintextAuth) {
        throw new MailError(
          "PLAINTEXT_REFUSED",
          `Not sending credentials to ${options.host}:${options.port} without TLS (the account does not allow it)`,
        );
      }
      authMechanism = await authenticate(connection, capabilities.auth, options.auth);
    }
    return { connection, greeting, capabilities, authMechanism };
  } catch (error) {
    connection.destroy();
    throw error;
  }
}

/** EHLO, or HELO when the server does not know EHLO (RFC 5321 section 3.2). */
async function hello(connection: SmtpConnection, clientName: string): Promise<SmtpCapabilities> {
  const ehlo = `EHLO ${clientName}`;
  await connection.send(ehlo);
  const reply = await connection.read("ehlo", ehlo);
  if (reply.code === 250) return parseEhloReply(reply, "EHLO");
  if (reply.code < 500) throw replyError(reply, "ehlo", ehlo);
  const helo = `HELO ${clientName}`;
  return heloCapabilities(await connection.command(helo, "ehlo", [250]));
}
