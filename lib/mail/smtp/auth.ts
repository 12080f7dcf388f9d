/**
 * SMTP AUTH (RFC 4954) over the shared SASL mechanisms. Credentials never reach the transcript:
 * the AUTH line and every response are written with a redacted stand-in.
 */
import { MailError } from "../errors.ts";
import { type Credentials, chooseMechanism, type SaslMechanism } from "../sasl/index.ts";
import type { SmtpConnection } from "./connection.ts";
import { SMTP_LIMITS } from "./limits.ts";
import { replyError } from "./smtp-error.ts";

/** More rounds than any mechanism we speak needs: a server looping on 334 is cut off. */
const MAX_ROUNDS = 8;

export async function authenticate(
  connection: SmtpConnection,
  offered: readonly string[],
  credentials: Credentials,
): Promise<string> {
  if (offered.length === 0) {
    throw new MailError(
      "AUTH_UNAVAILABLE",
      "The server does not offer authentication (no AUTH in its EHLO reply)",
    );
  }
  const mechanism = chooseMechanism(offered, credentials);
  if (!mechanism) {
    const wanted = "accessToken" in credentials ? "XOAUTH2" : "PLAIN or LOGIN";
    throw new MailError(
      "AUTH_UNAVAILABLE",
      `The server offers ${offered.join(", ")}; this account needs ${wanted}`,
    );
  }
  await exchange(connection, mechanism);
  return mechanism.name;
}

async function exchange(connection: SmtpConnection, mechanism: SaslMechanism): Promise<void> {
  const command = `AUTH ${mechanism.name}`;
  const initial = mechanism.initialResponse();
  // RFC 4954 section 4: an initial response rides on the AUTH line ("=" when empty) unless
  // the line would be too long; then it goes after the server's empty challenge.
  const encoded = initial ? (initial.length === 0 ? "=" : initial.toString("base64")) : null;
  let deferred: string | null = null;
  let line = command;
  if (encoded !== null) {
    if (command.length + 1 + encoded.length + 2 <= SMTP_LIMITS.maxAuthCommandLength) {
      line = `${command} ${encoded}`;
    } else {
      deferred = encoded;
    }
  }
  await connection.send(line, {
    transcriptAs: line === command ? command : `${command} [redacted]`,
  });
  for (let round = 0; ; round++) {
    const reply = await connection.read("auth", command);
    if (reply.code === 235) return;
    if (reply.code !== 334) throw replyError(reply, "auth", command);
    if (round >= MAX_ROUNDS) {
      connection.destroy();
      throw new MailError("PROTOCOL", `The server kept asking during ${command}`);
    }
    let response: string;
    if (deferred !== null) {
      response = deferred;
      deferred = null;
    } else {
      const challenge = Buffer.from(reply.lines[0] ?? "", "base64");
      try {
        // A continuation response is plain base64; empty is an empty line (XOAUTH2's reply
        // to the server's error challenge). Only the initial response spells empty as "=".
        response = mechanism.respond(challenge).toString("base64");
      } catch (error) {
        // RFC 4954 section 4: "*" cancels the exchange; the server answers 501.
        await connection.send("*");
        await connection.read("auth", command);
        throw error;
      }
    }
    await connection.send(response, { transcriptAs: "[redacted]" });
  }
}
