import "server-only";
/**
 * The account's SMTP submission server: a connection per send (sending is rare next to
 * reading, and a fresh EHLO sees a changed SIZE or a renewed certificate), and what its EHLO
 * said, remembered for a while so opening the composer does not connect every time.
 */
import type { MailAccount } from "../../generated/prisma-sqlite/client.ts";
import { isMailError } from "../../mail/errors.ts";
import { SmtpClient } from "../../mail/smtp/index.ts";
import { accountPassword, accountSettings } from "../accounts/account-store.ts";
import { smtpOptions } from "../mail/client-options.ts";
import { SMTP_FACTS_TTL_MS } from "./limits.ts";

const UNREACHABLE_TTL_MS = 60_000;

export interface SmtpFacts {
  /** RFC 1870 SIZE, or null when the server states none or could not be reached. */
  maxMessageSize: number | null;
  reached: boolean;
}

const holder = globalThis as unknown as {
  __letterboxSmtpFacts?: Map<string, { facts: SmtpFacts; at: number }>;
};
holder.__letterboxSmtpFacts ??= new Map();
const cache = holder.__letterboxSmtpFacts;

function cacheKey(account: MailAccount): string {
  // A changed server setting (updatedAt) is a different server.
  return `${account.id}:${account.updatedAt.getTime()}`;
}

export function connectSmtp(account: MailAccount): Promise<SmtpClient> {
  return SmtpClient.connect(smtpOptions(accountSettings(account), accountPassword(account)));
}

export function rememberFacts(account: MailAccount, client: SmtpClient): SmtpFacts {
  const facts = { maxMessageSize: client.maxMessageSize ?? null, reached: true };
  cache.set(cacheKey(account), { facts, at: Date.now() });
  return facts;
}

/**
 * What the server takes. A server that cannot be reached now gives "unknown" (the app's own
 * limit then governs the budget): the composer must open anyway, and sending will say why.
 */
export async function smtpFacts(account: MailAccount): Promise<SmtpFacts> {
  const cached = cache.get(cacheKey(account));
  if (cached && Date.now() - cached.at < SMTP_FACTS_TTL_MS) return cached.facts;
  let client: SmtpClient | null = null;
  try {
    client = await connectSmtp(account);
    return rememberFacts(account, client);
  } catch (error) {
    if (!isMailError(error)) console.error("letterbox: SMTP size check failed", error);
    // Remembered like an answer, so that while the server is down each upload does not wait
    // out a connect timeout of its own.
    const facts = { maxMessageSize: null, reached: false };
    cache.set(cacheKey(account), {
      facts,
      at: Date.now() - SMTP_FACTS_TTL_MS + UNREACHABLE_TTL_MS,
    });
    return facts;
  } finally {
    await client?.quit().catch(() => client?.close());
  }
}
