import "server-only";
/**
 * A POP3 account that was just added or signed in with starts being checked on the schedule,
 * and a first check runs now, so its inbox fills without waiting five minutes.
 */
import type { MailAccount } from "../../generated/prisma-sqlite/client.ts";
import { POP3_SCHEDULE, requestPop3Check, schedulePop3Checks } from "../pop3/index.ts";

export function activatePop3(account: Pick<MailAccount, "id" | "incomingProtocol">): void {
  if (account.incomingProtocol !== "pop3") return;
  schedulePop3Checks(account.id, POP3_SCHEDULE.defaultIntervalMs);
  requestPop3Check(account.id, "manual");
}
