/**
 * One mail transaction (RFC 5321 section 3.3): MAIL FROM, one RCPT TO per recipient, then the
 * message by DATA (transfer-data.ts) or BDAT (bdat.ts). With PIPELINING (RFC 2920) the
 * envelope commands, and DATA, leave in one write and their replies are read in order.
 * Some recipients refused is a result, not a failure, as long as one was accepted.
 */
import type { SmtpConnection } from "./connection.ts";
import type { EnvelopePlan } from "./envelope.ts";
import type { SmtpReply } from "./reply.ts";
import { allRecipientsRefused, replyError, type SmtpError } from "./smtp-error.ts";

export interface AcceptedRecipient {
  address: string;
  reply: SmtpReply;
}

export interface EnvelopeOutcome {
  accepted: AcceptedRecipient[];
  /** Each refusal as an SmtpError with `recipient`, its code and enhanced status (e.g. 5.1.1). */
  refused: SmtpError[];
}

/**
 * Send MAIL and RCPTs (and DATA when `withData`), and read their replies. Returns with the
 * server waiting for the message (after 354 for DATA); throws, with the transaction reset,
 * when MAIL or every RCPT or DATA was refused.
 */
export async function startTransaction(
  connection: SmtpConnection,
  plan: EnvelopePlan,
  options: { pipelining: boolean; withData: boolean },
): Promise<EnvelopeOutcome> {
  if (options.pipelining) {
    await sendEnvelope(connection, plan, options.withData);
    try {
      return await readEnvelope(connection, plan, options.withData);
    } catch (error) {
      await reset(connection);
      throw error;
    }
  }
  const outcome: EnvelopeOutcome = { accepted: [], refused: [] };
  await connection.command(plan.mailLine, "mail", [250]);
  for (const line of plan.rcptLines) {
    await connection.send(line);
    const index = outcome.accepted.length + outcome.refused.length;
    record(outcome, plan.recipients[index]!, line, await connection.read("rcpt", line));
  }
  if (outcome.accepted.length === 0) {
    await reset(connection);
    throw allRecipientsRefused(outcome.refused);
  }
  if (options.withData) {
    await connection.send("DATA");
    const data = await connection.read("data", "DATA");
    if (data.code !== 354) {
      await reset(connection);
      throw replyError(data, "data", "DATA");
    }
  }
  return outcome;
}

/** RFC 2920 section 3.1: MAIL, every RCPT and DATA may leave in one write; DATA last. */
async function sendEnvelope(
  connection: SmtpConnection,
  plan: EnvelopePlan,
  withData: boolean,
): Promise<void> {
  await connection.send([plan.mailLine, ...plan.rcptLines, ...(withData ? ["DATA"] : [])]);
}

/** Read the replies to what sendEnvelope sent, in order; on failure throw (the caller resets). */
async function readEnvelope(
  connection: SmtpConnection,
  plan: EnvelopePlan,
  withData: boolean,
): Promise<EnvelopeOutcome> {
  const outcome: EnvelopeOutcome = { accepted: [], refused: [] };
  const mail = await connection.read("mail", plan.mailLine);
  for (let i = 0; i < plan.rcptLines.length; i++) {
    const line = plan.rcptLines[i]!;
    record(outcome, plan.recipients[i]!, line, await connection.read("rcpt", line));
  }
  const data = withData ? await connection.read("data", "DATA") : undefined;
  if (mail.code === 250 && outcome.accepted.length > 0 && (!data || data.code === 354)) {
    return outcome;
  }
  if (data?.code === 354) {
    // RFC 2920 section 3.1: a server may say 354 though nothing was accepted; we owe it an
    // empty message, which it will refuse, before the session can go on.
    await connection.send(".");
    await connection.read("data-end", "(end of data)");
  }
  if (mail.code !== 250) throw replyError(mail, "mail", plan.mailLine);
  if (outcome.accepted.length === 0) throw allRecipientsRefused(outcome.refused);
  throw replyError(data!, "data", "DATA");
}

/** RFC 5321 section 4.1.1.3: 250 and 251 accept; anything else refuses that recipient. */
function record(outcome: EnvelopeOutcome, address: string, line: string, reply: SmtpReply): void {
  if (reply.code === 250 || reply.code === 251) outcome.accepted.push({ address, reply });
  else outcome.refused.push(replyError(reply, "rcpt", line, address));
}

/**
 * RSET (RFC 5321 section 4.1.1.5) after an aborted transaction, so the next one starts clean.
 * If even RSET fails, the session's state is unknown: the connection is dropped, and the
 * caller still reports the error that led here.
 */
export async function reset(connection: SmtpConnection): Promise<void> {
  if (connection.closed) return;
  try {
    await connection.command("RSET", "other", [250]);
  } catch {
    connection.destroy();
  }
}
