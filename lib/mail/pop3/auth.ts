/**
 * POP3 login: SASL AUTH (RFC 5034), USER/PASS (RFC 1939 section 7) or APOP (RFC 1939 section
 * 7). Credentials never reach the transcript, and never a command line with CR or LF in it.
 */
import { createHash } from "node:crypto";
import { MailError } from "../errors.ts";
import {
  type Credentials,
  chooseMechanism,
  type SaslMechanism,
  type SaslStep,
  saslLineExchange,
} from "../sasl/index.ts";
import type { Pop3Capabilities } from "./capabilities.ts";
import type { Pop3Connection } from "./connection.ts";
import { POP3_LIMITS } from "./limits.ts";
import type { Pop3AuthMethod } from "./options.ts";
import { errError } from "./pop3-error.ts";

export async function login(
  connection: Pop3Connection,
  capabilities: Pop3Capabilities,
  credentials: Credentials,
  method: Pop3AuthMethod,
  apopTimestamp: string | undefined,
): Promise<string> {
  const token = "accessToken" in credentials;
  const chosen = method === "auto" ? autoMethod(capabilities, token, apopTimestamp) : method;
  if (chosen === "sasl") {
    const mechanism = chooseMechanism(capabilities.sasl, credentials);
    if (!mechanism) {
      throw new MailError(
        "AUTH_UNAVAILABLE",
        `The server offers SASL ${capabilities.sasl.join(", ") || "(none)"}; this account needs ${token ? "XOAUTH2" : "PLAIN or LOGIN"}`,
      );
    }
    await saslExchange(connection, mechanism);
    return `SASL ${mechanism.name}`;
  }
  if (token)
    throw new MailError(
      "AUTH_UNAVAILABLE",
      "An access token needs SASL XOAUTH2, which the server does not offer",
    );
  const { user, password } = credentials as { user: string; password: string };
  refuseLineBreaks(user, "user name");
  refuseLineBreaks(password, "password");
  if (chosen === "apop") {
    if (!apopTimestamp)
      throw new MailError("AUTH_UNAVAILABLE", "The server's greeting has no APOP timestamp");
    if (/\s/.test(user))
      throw new MailError("INVALID_INPUT", "An APOP user name cannot contain spaces");
    // RFC 1939 section 7: MD5 of the timestamp followed by the shared secret, lower-case hex.
    const digest = createHash("md5").update(`${apopTimestamp}${password}`, "utf8").digest("hex");
    await connection.command(`APOP ${user} ${digest}`, "auth", {
      transcriptAs: `APOP ${user} [redacted]`,
    });
    return "APOP";
  }
  await connection.command(`USER ${user}`, "auth");
  // RFC 1939 section 7: PASS takes the rest of the line, spaces and quotes included.
  await connection.command(`PASS ${password}`, "auth", { transcriptAs: "PASS [redacted]" });
  return "USER";
}

function autoMethod(
  capabilities: Pop3Capabilities,
  token: boolean,
  apopTimestamp: string | undefined,
): Exclude<Pop3AuthMethod, "auto"> {
  const sasl = new Set(capabilities.sasl);
  if (token || sasl.has("PLAIN") || sasl.has("LOGIN")) return "sasl";
  // Without CAPA, USER is what RFC 1939 servers nearly all take.
  if (capabilities.user || !capabilities.known) return "user";
  if (apopTimestamp) return "apop";
  return "user";
}

/** RFC 5034 section 4: "+ <base64>" challenges, +OK or -ERR at the end. */
async function saslExchange(connection: Pop3Connection, mechanism: SaslMechanism): Promise<void> {
  const command = `AUTH ${mechanism.name}`;
  await saslLineExchange(
    {
      send: (line, transcriptAs) => connection.send(line, { transcriptAs }),
      read: async (): Promise<SaslStep> => {
        const status = await connection.readStatus();
        if (status.kind === "ok") return { kind: "done" };
        if (status.kind === "err")
          return { kind: "failed", error: errError(status, "auth", command) };
        return { kind: "challenge", text: status.text };
      },
      destroy: () => connection.destroy(),
    },
    mechanism,
    { maxCommandLength: POP3_LIMITS.maxCommandLength, maxRounds: POP3_LIMITS.maxSaslRounds },
  );
}

function refuseLineBreaks(value: string, what: string): void {
  if (/[\r\n\0]/.test(value))
    throw new MailError("INVALID_INPUT", `The ${what} contains CR, LF or NUL`);
}
