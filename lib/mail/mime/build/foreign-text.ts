/**
 * Text from received mail on its way into a header we write: a reply's subject, the parent's
 * display names in the reply's To/Cc. Decoding encoded-words can yield CR, LF and other
 * controls (hostile p14: a Subject and a Reply-To name that decode to "\r\nBcc: ..."). A header
 * value is one line (RFC 5322 section 2.2.3 unfolds line breaks away), so here they become
 * single spaces; the header writer would refuse them, and the reply must still be possible.
 * This is for foreign text only: what the user typed goes to the writer as it is, and is
 * refused there.
 */
import type { Mailbox } from "./types.ts";

/** Controls (CR, LF, TAB, NUL, ...) and Unicode line separators become spaces; runs of spaces one. */
export function oneLine(text: string): string {
  return text
    .replace(/[\x00-\x1f\x7f\u0085\u2028\u2029]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** A mailbox read from received mail, made writable: its display name on one line. */
export function foreignMailbox(mailbox: { name?: string | null; address: string }): Mailbox {
  const name = oneLine(mailbox.name ?? "");
  return name === "" ? { address: mailbox.address } : { name, address: mailbox.address };
}
