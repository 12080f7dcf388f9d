/**
 * SMTP submission client (RFC 5321, RFC 6409): `SmtpClient.connect(options)` then
 * `send(envelope, message)`; `verifySmtpAccount(options)` for "test this account".
 */
export type { CheckedAddress } from "./address.js";
export { checkAddress } from "./address.js";
export type { SendOptions, SendResult } from "./client.js";
export { SmtpClient } from "./client.js";
export { encodeMessage, MessageEncoder } from "./dot-stuffer.js";
export type { Envelope } from "./envelope.js";
export type { SmtpCapabilities, SmtpExtensionName } from "./extensions.js";
export { parseEhloReply } from "./extensions.js";
export { SMTP_LIMITS, SMTP_TIMEOUTS, type SmtpTimeouts } from "./limits.js";
export type { MessageSource } from "./message-source.js";
export type { SmtpClientOptions, SmtpSecurity } from "./options.js";
export type { SmtpReply } from "./reply.js";
export { describeReply } from "./reply.js";
export { SmtpError } from "./smtp-error.js";
export type { AcceptedRecipient } from "./transaction.js";
export type { SmtpVerification } from "./verify.js";
export { verifySmtpAccount } from "./verify.js";
