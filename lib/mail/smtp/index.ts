/**
 * SMTP submission client (RFC 5321, RFC 6409): `SmtpClient.connect(options)` then
 * `send(envelope, message)`; `verifySmtpAccount(options)` for "test this account".
 */
export type { CheckedAddress } from "./address.ts";
export { checkAddress } from "./address.ts";
export type { SendOptions, SendResult } from "./client.ts";
export { SmtpClient } from "./client.ts";
export { encodeMessage, MessageEncoder } from "./dot-stuffer.ts";
export type { Envelope } from "./envelope.ts";
export type { SmtpCapabilities, SmtpExtensionName } from "./extensions.ts";
export { parseEhloReply } from "./extensions.ts";
export { SMTP_LIMITS, SMTP_TIMEOUTS, type SmtpTimeouts } from "./limits.ts";
export type { MessageSource } from "./message-source.ts";
export type { SmtpClientOptions, SmtpSecurity } from "./options.ts";
export type { SmtpReply } from "./reply.ts";
export { describeReply } from "./reply.ts";
export { SmtpError } from "./smtp-error.ts";
export type { AcceptedRecipient } from "./transaction.ts";
export type { SmtpVerification } from "./verify.ts";
export { verifySmtpAccount } from "./verify.ts";
