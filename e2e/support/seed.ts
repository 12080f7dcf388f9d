/**
 * Mailbox state for end-to-end tests, put straight into the stack's Dovecot (byte for byte,
 * as IMAP APPEND would, without Postfix rewriting or refusing hostile messages).
 */
import { type DemoMessage, demoMessages, seedDemoMailbox } from "../../scripts/demo/mailbox.mjs";
import { deliverRaw, resetUser } from "../../scripts/mailstack/stack.mjs";

export { deliverRaw, resetUser };

let cached: DemoMessage[] | null = null;
const NOW = new Date();

/** alice's demo mailbox, fresh; returns the messages it holds. */
export async function seedAliceDemo(): Promise<DemoMessage[]> {
  await seedDemoMailbox("alice@example.test", { now: NOW, realWorld: false });
  cached = cached ?? demoMessages({ now: NOW, login: "alice@example.test" });
  return cached;
}

export function demoMessage(id: string): DemoMessage {
  cached = cached ?? demoMessages({ now: NOW, login: "alice@example.test" });
  const all = cached;
  const found = all.find((m) => m.id === id);
  if (!found) throw new Error(`no demo message ${id}`);
  return found;
}
