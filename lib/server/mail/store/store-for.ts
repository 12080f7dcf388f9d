import "server-only";
import type { ImapContext } from "../imap-pool.ts";
import { imapStore } from "./imap-store.ts";
import type { MailStore } from "./mail-store.ts";
import { pop3Store } from "./pop3-store.ts";

/** The MailStore for this session's account, by its incoming protocol. */
export function storeFor(context: ImapContext): MailStore {
  return context.account.incomingProtocol === "pop3" ? pop3Store(context) : imapStore(context);
}
