/**
 * Conversations: each message replies to the one before it (In-Reply-To, and References
 * listing the whole chain, RFC 5322 section 3.6.4), "Re:" subjects, quoted text. Alice's own
 * replies land in Sent and mark what she answered \Answered.
 *
 * Stable ids: `thread-<key>-<n>`, n from 1 (e.g. thread-incident-1 … thread-incident-8).
 */
import { addMessage, prose } from "./compose.mjs";
import { makePdf } from "./documents.mjs";
import { attachment, multipart } from "./mime-writer.mjs";
import { COLLEAGUES, FRIENDS, PARTNERS } from "./people.mjs";
import { THREADS } from "./thread-texts.mjs";

/** @typedef {import("./compose.mjs").Context} Context */
/** @typedef {import("./people.mjs").Person} Person */

/** @param {Context} ctx @param {string} who */
function person(ctx, who) {
  if (who === "me") return ctx.me;
  const all = /** @type {Record<string, Person>} */ ({ ...COLLEAGUES, ...PARTNERS, ...FRIENDS });
  const p = all[who];
  if (!p) throw new Error(`unknown person ${who}`);
  return p;
}

/** Attachments a thread message may carry, by name. @type {Record<string, () => import("./mime-writer.mjs").Part>} */
const ATTACHMENTS = {
  "fabrikam-quote": () =>
    attachment(
      makePdf({
        title: "Renewal quote Q-2291 for Fabrikam",
        author: "Alice Liddell",
        lines: [
          "Looking Glass Analytics Ltd",
          "Hatter Enterprise, 36-month renewal",
          "Valid for 30 days.",
        ],
        rows: [
          ["Item", "Seats", "Unit (GBP)", "Total (GBP)"],
          ["Hatter Enterprise", "250", "38.00", "9,500.00"],
          ["Export API add-on", "1", "1,800.00", "1,800.00"],
          ["Multi-year discount", "", "", "-1,130.00"],
          ["Total per year", "", "", "10,170.00"],
        ],
      }),
      "application/pdf",
      "Fabrikam renewal quote Q-2291.pdf",
    ),
};

/**
 * @param {Context} ctx
 */
export function addThreads(ctx) {
  for (const thread of THREADS) {
    const maxSpan = thread.messages.reduce((sum, m) => sum + (m.gap?.[1] ?? 0), 0) * 60_000;
    const starter = person(ctx, thread.messages[0]?.from ?? "me");
    const personal = Object.values(FRIENDS).includes(/** @type {never} */ (starter));
    const at = personal ? ctx.clock.at : ctx.clock.atWorkday;
    let start = at.call(ctx.clock, thread.daysAgo, thread.hour, ctx.rng.int(0, 59), starter.tz);
    // A thread must end before now; no randomness here, so later draws do not depend on "now".
    if (start.getTime() + maxSpan > ctx.clock.now.getTime() - 600_000) {
      start = new Date(ctx.clock.now.getTime() - maxSpan - 1_800_000);
    }
    /** @type {{ from: Person, date: Date, text: string, messageId: string, message: import("./compose.mjs").DemoMessage } | null} */
    let previous = null;
    /** @type {string[]} */
    const references = [];
    let date = start;
    for (const [i, m] of thread.messages.entries()) {
      const from = person(ctx, m.from);
      if (previous) date = ctx.clock.after(date, m.gap?.[0] ?? 5, m.gap?.[1] ?? 60);
      const to = (m.to ?? [previous ? previous.from : ctx.me]).map((w) =>
        typeof w === "string" ? person(ctx, w) : w,
      );
      const cc = (m.cc ?? []).map((w) => person(ctx, w));
      const { body, plain } = prose(from, m.text, previous ?? undefined);
      const attachments = (m.attach ?? []).map((name) =>
        /** @type {() => import("./mime-writer.mjs").Part} */ (ATTACHMENTS[name])(),
      );
      const outgoing = from === ctx.me;
      const prefix = previous ? (thread.prefix ?? "Re: ") : "";
      const message = addMessage(ctx, {
        id: `thread-${thread.key}-${i + 1}`,
        mailbox: outgoing ? "Sent" : thread.mailbox,
        incoming: !outgoing,
        from,
        to,
        cc,
        subject: `${prefix}${thread.subject}`,
        date,
        inReplyTo: previous?.messageId,
        references: previous ? [...references] : undefined,
        list: thread.list,
        body: attachments.length > 0 ? multipart("mixed", [body, ...attachments]) : body,
        flags: i === thread.messages.length - 1 && thread.unreadLast && !outgoing ? [] : undefined,
      });
      if (outgoing && previous && previous.from !== ctx.me) {
        if (!previous.message.flags.includes("\\Answered"))
          previous.message.flags.push("\\Answered");
        if (!previous.message.flags.includes("\\Seen")) previous.message.flags.push("\\Seen");
      }
      references.push(message.messageId);
      previous = { from, date, text: plain, messageId: message.messageId, message };
    }
  }
}
