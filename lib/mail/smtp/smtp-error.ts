/**
 * SmtpError: a failure the server told us about, with its own words kept (RFC 5321 reply
 * code, RFC 3463 enhanced status, every text line) and the command it answered. The MailError
 * code is decided here, once, from the reply and the command; nothing above this layer looks
 * at reply texts.
 */
import { MailError, type MailErrorCode } from "../errors.ts";
import { describeReply, type SmtpReply } from "./reply.ts";

export class SmtpError extends MailError {
  readonly reply: SmtpReply;
  /** The command this reply answered, credentials left out ("AUTH PLAIN", "RCPT TO:<x@y>"). */
  readonly command: string;
  /** For RCPT refusals: the recipient refused. */
  readonly recipient?: string;
  /** For SMTP_ALL_RECIPIENTS_REFUSED: every recipient's refusal; `reply` is the first one's. */
  readonly refused?: readonly SmtpError[];

  constructor(
    code: MailErrorCode,
    reply: SmtpReply,
    command: string,
    options: { recipient?: string; refused?: readonly SmtpError[]; message?: string } = {},
  ) {
    super(code, options.message ?? `${command}: ${describeReply(reply)}`);
    this.name = "SmtpError";
    this.reply = reply;
    this.command = command;
    this.recipient = options.recipient;
    this.refused = options.refused;
  }

  /** All recipients refused: worth retrying only if every refusal was temporary (4xx). */
  override get transient(): boolean {
    if (this.refused) return this.refused.every((error) => error.transient);
    return super.transient;
  }

  get replyCode(): number {
    return this.reply.code;
  }

  get enhancedStatus(): string | undefined {
    return this.reply.enhanced;
  }

  /** 5xx: sending the same thing again will fail the same way (RFC 5321 section 4.2.1). */
  get permanent(): boolean {
    return this.reply.code >= 500;
  }
}

/** Which step of the conversation a reply answered; decides how a failure is classified. */
export type SmtpStep =
  | "greeting"
  | "ehlo"
  | "starttls"
  | "auth"
  | "mail"
  | "rcpt"
  | "data"
  | "data-end"
  | "bdat"
  | "other";

/**
 * Map a failure reply to a stable code. 4xx is always transient (RFC 5321 section 4.2.1),
 * whatever the step, so MailError.transient stays true for every 4xx.
 */
export function classifyReply(reply: SmtpReply, step: SmtpStep): MailErrorCode {
  // RFC 5321 section 3.8: 421, whatever it answers, is the server closing for now.
  if (reply.code === 421) return "SMTP_TRANSIENT";
  if (step === "starttls") return "STARTTLS_FAILED";
  if (reply.code < 500) return "SMTP_TRANSIENT";
  const enhanced = reply.enhanced ?? "";
  if (step === "auth") {
    // RFC 4954 section 6: 534 mechanism too weak, 538 encryption required, 504 unknown
    // mechanism; 530 5.7.0 is how servers say "STARTTLS first" (RFC 3207 section 4).
    if (reply.code === 530) return "PLAINTEXT_REFUSED";
    if (reply.code === 504 || reply.code === 534 || reply.code === 538) return "AUTH_UNAVAILABLE";
    return "AUTH_FAILED";
  }
  if (step === "mail" || step === "data-end" || step === "bdat" || step === "data") {
    // RFC 1870 section 6.1 / RFC 3463: 552 and X.3.4 "message too big"; but X.2.2 is a full
    // mailbox (someone else's quota), not the size of this message.
    if (enhanced.endsWith(".3.4") || enhanced.endsWith(".2.3")) return "SMTP_SIZE_EXCEEDED";
    if (reply.code === 552 && !enhanced.endsWith(".2.2")) return "SMTP_SIZE_EXCEEDED";
  }
  return "SMTP_PERMANENT";
}

export function replyError(
  reply: SmtpReply,
  step: SmtpStep,
  command: string,
  recipient?: string,
): SmtpError {
  return new SmtpError(classifyReply(reply, step), reply, command, { recipient });
}

/** Every RCPT was refused: one error carrying each refusal, so none is lost. */
export function allRecipientsRefused(refused: readonly SmtpError[]): SmtpError {
  const first = refused[0]!;
  const list = refused.map((e) => `${e.recipient}: ${describeReply(e.reply)}`).join("; ");
  return new SmtpError("SMTP_ALL_RECIPIENTS_REFUSED", first.reply, first.command, {
    refused,
    message: `The server refused every recipient (${list})`,
  });
}
