/**
 * The mailbox these specs read, seeded with the demo set (scripts/demo) for a stack user of
 * our choosing. alice is everyone's: other engineers' runs reset and fill her mailbox while
 * ours reads it, so the reading and hostile-mail specs use a user no other spec writes to
 * (LETTERBOX_E2E_READER, default pl1 — login.spec.ts only signs in as pl1).
 */
import { type DemoMessage, demoMessages, seedDemoMailbox } from "../../scripts/demo/mailbox.mjs";
import { resetUser } from "../../scripts/mailstack/stack.mjs";
import { stackUser } from "./stack.ts";

export type { DemoMessage };

export const READER = process.env.LETTERBOX_E2E_READER ?? "pl1";
export const reader = stackUser(READER);

const NOW = new Date();

/**
 * Removing a maildir while Dovecot still writes the index of a session it just kicked can
 * fail with ENOTEMPTY: try again shortly.
 */
async function retrying<T>(work: () => T | Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= 5 || (error as NodeJS.ErrnoException).code !== "ENOTEMPTY") throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}

/** The reader's mailbox, fresh: exactly the demo set. Returns its messages, oldest first. */
export async function seedReaderDemo(): Promise<DemoMessage[]> {
  await retrying(() => seedDemoMailbox(reader.login, { now: NOW, realWorld: false }));
  return demoMessages({ now: NOW, login: reader.login });
}

/** The reader's mailbox, empty. */
export function resetReader(): Promise<void> {
  return retrying(() => resetUser(reader.login));
}
