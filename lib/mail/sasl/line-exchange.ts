/**
 * The client side of a SASL exchange (RFC 4422 section 3) over a line protocol that frames it
 * the same way: SMTP AUTH (RFC 4954 section 4) and POP3 AUTH (RFC 5034 section 4). Both put
 * the initial response on the AUTH line ("=" when empty) unless the line would be too long,
 * send each response as one base64 line, and cancel with "*". Only the framing differs (SMTP
 * "334 <base64>" / 235, POP3 "+ <base64>" / +OK), so each protocol passes it in as `SaslLine`.
 * Payloads never reach the transcript.
 */
import { MailError } from "../errors.ts";
import type { SaslMechanism } from "./mechanisms.ts";

/** One server answer during the exchange. */
export type SaslStep =
  /** Authenticated (SMTP 235, POP3 +OK). */
  | { kind: "done" }
  /** A challenge: its base64 text (SMTP 334, POP3 "+ "). */
  | { kind: "challenge"; text: string }
  /** Refused: the protocol's error, with the server's reply. */
  | { kind: "failed"; error: Error };

export interface SaslLine {
  /** Send one line; `transcriptAs` is what the transcript shows instead. */
  send(line: string, transcriptAs: string): Promise<void>;
  read(): Promise<SaslStep>;
  /** Drop the connection (the server is out of step). */
  destroy(): void;
}

export interface SaslLineLimits {
  /** Longest AUTH line with its initial response, CRLF included. */
  maxCommandLength: number;
  /** Challenges answered before a server that keeps asking is cut off. */
  maxRounds: number;
}

export async function saslLineExchange(
  io: SaslLine,
  mechanism: SaslMechanism,
  limits: SaslLineLimits,
): Promise<void> {
  const command = `AUTH ${mechanism.name}`;
  const initial = mechanism.initialResponse();
  const encoded = initial === null ? null : initial.length === 0 ? "=" : initial.toString("base64");
  const inline =
    encoded !== null && command.length + 1 + encoded.length + 2 <= limits.maxCommandLength;
  // Too long for the AUTH line: it answers the server's first (empty) challenge instead.
  let deferred = encoded !== null && !inline ? encoded : null;
  await io.send(
    inline ? `${command} ${encoded}` : command,
    inline ? `${command} [redacted]` : command,
  );
  for (let round = 0; ; round++) {
    const step = await io.read();
    if (step.kind === "done") return;
    if (step.kind === "failed") throw step.error;
    if (round >= limits.maxRounds) {
      io.destroy();
      throw new MailError("PROTOCOL", `The server kept asking during ${command}`);
    }
    let response: string;
    if (deferred !== null) {
      response = deferred;
      deferred = null;
    } else {
      try {
        // A continuation response is plain base64; empty is an empty line (XOAUTH2's reply to
        // the server's error challenge). Only the initial response spells empty as "=".
        response = mechanism.respond(Buffer.from(step.text, "base64")).toString("base64");
      } catch (error) {
        // "*" cancels; the server answers with an error (SMTP 501, POP3 -ERR), which says
        // nothing the mechanism's own error does not.
        await io.send("*", "*");
        await io.read();
        throw error;
      }
    }
    await io.send(response, "[redacted]");
  }
}
