/**
 * Who a reply goes to (RFC 5322 section 3.6.3, and what common clients do):
 * - Reply: the Reply-To addresses when there are any, else From.
 * - Reply all: those, plus every To, with Cc kept as Cc; never the person themselves (any of
 *   their identities), never the same address twice.
 * - Answering one's own message (from Sent) goes to its recipients, not back to oneself.
 * Names come from received mail and are put on one line (hostile p14: a Reply-To name that
 * decodes to "Help\r\nCc: ..."); addresses are checked, and a broken one is kept as an invalid
 * chip so the person sees it rather than losing it silently.
 */

import { oneLine } from "../../mail/mime/build/foreign-text.ts";
import { checkAddrSpec } from "../../mail/mime/build/index.ts";
import type { ChipView } from "./compose-view.ts";

export interface Person {
  name: string;
  address: string;
}

export interface OriginalParties {
  from: Person[];
  replyTo: Person[];
  to: Person[];
  cc: Person[];
}

export function chipOf(person: Person): ChipView {
  const name = oneLine(person.name);
  const checked = checkAddrSpec(person.address);
  return checked.ok
    ? { name, address: checked.value.address, valid: true, reason: null }
    : { name, address: person.address, valid: false, reason: checked.reason };
}

function key(address: string): string {
  return address.trim().toLowerCase();
}

function unique(people: Person[], skip: Set<string>): Person[] {
  const out: Person[] = [];
  for (const person of people) {
    const k = key(person.address);
    // Group syntax ("undisclosed-recipients:;") lists no mailbox: nothing to answer.
    if (k === "" || skip.has(k)) continue;
    skip.add(k);
    out.push(person);
  }
  return out;
}

export function replyRecipients(
  original: OriginalParties,
  mode: "reply" | "reply-all",
  self: ReadonlySet<string>,
): { to: ChipView[]; cc: ChipView[] } {
  const isSelf = (p: Person) => self.has(key(p.address));
  const primary = original.replyTo.length > 0 ? original.replyTo : original.from;
  const fromSelf = primary.length > 0 && primary.every(isSelf);
  const seen = new Set(self);
  let to: Person[];
  let cc: Person[] = [];
  if (fromSelf) {
    to = unique(original.to, seen);
    if (mode === "reply-all") cc = unique(original.cc, seen);
  } else {
    to = unique(mode === "reply-all" ? [...primary, ...original.to] : primary, seen);
    if (mode === "reply-all") cc = unique(original.cc, seen);
  }
  // Mail from oneself to oneself: answer oneself rather than no one.
  if (to.length === 0 && cc.length === 0) to = unique(primary, new Set());
  return { to: to.map(chipOf), cc: cc.map(chipOf) };
}
