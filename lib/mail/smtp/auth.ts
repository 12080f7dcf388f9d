/**
 * SMTP AUTH (RFC 4954) over the shared SASL mechanisms. Credentials never reach the transcript:
 * the AUTH line and every response are written with a redacted stand-in.
 */
import { MailError } from "../errors.ts";
import {
  type Credentials,
  chooseMechanism,
  type SaslMechanism,
  type SaslStep,
  saslLineExchange,
} from "../sasl/index.ts";
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

/** RFC 4954 section 4: "334 <base64>" challenges, 235 at the end, anything else refused. */
async function exchange(connection: SmtpConnection, mechanism: SaslMechanism): Promise<void> {
  const command = `AUTH ${mechanism.name}`;
  await saslLineExchange(
    {
      send: (line, transcriptAs) => connection.send(line, { transcriptAs }),
      read: async (): Promise<SaslStep> => {
        const reply = await connection.read("auth", command);
        if (reply.code === 235) return { kind: "done" };
        if (reply.code !== 334)
          return { kind: "failed", error: replyError(reply, "auth", command) };
        return { kind: "challenge", text: reply.lines[0] ?? "" };
      },
      destroy: () => connection.destroy(),
    },
    mechanism,
    { maxCommandLength: SMTP_LIMITS.maxAuthCommandLength, maxRounds: MAX_ROUNDS },
  );
}
