/**
 * "Test this account" for settings: connect, TLS, EHLO, AUTH and QUIT, and report what was
 * learnt. Any failure is the same typed error a real send would meet.
 */

import { SmtpClient } from "./client.ts";
import type { SmtpCapabilities } from "./extensions.ts";
import type { SmtpClientOptions } from "./options.ts";
import type { SmtpReply } from "./reply.ts";

export interface SmtpVerification {
  greeting: SmtpReply;
  capabilities: SmtpCapabilities;
  secure: boolean;
  /** The SASL mechanism that worked, when credentials were given. */
  authMechanism?: string;
  /** The server's SIZE limit, for the composer. */
  maxMessageSize?: number;
}

export async function verifySmtpAccount(options: SmtpClientOptions): Promise<SmtpVerification> {
  const client = await SmtpClient.connect(options);
  const result: SmtpVerification = {
    greeting: client.greeting,
    capabilities: client.capabilities,
    secure: client.secure,
    authMechanism: client.authMechanism,
    maxMessageSize: client.maxMessageSize,
  };
  await client.quit();
  return result;
}
