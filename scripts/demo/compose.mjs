/**
 * The glue every content module uses: turn a message description into bytes and record it in
 * the demo set with its mailbox, flags and INTERNALDATE; write bodies the way the sender's
 * client would (plain text, or plain + HTML alternative with the quote in a blockquote).
 */

import { rfc5322Date } from "./dates.mjs";
import { messageHeaders } from "./envelope.mjs";
import { multipart, renderMessage, textPart } from "./mime-writer.mjs";
import { firstName } from "./people.mjs";

/**
 * @typedef {import("./people.mjs").Person} Person
 * @typedef {import("./mime-writer.mjs").Part} Part
 * @typedef {{ id: string, mailbox: string, flags: string[], internalDate: Date, bytes: Buffer,
 *   messageId: string, subject: string }} DemoMessage
 * @typedef {{ seed: number, rng: import("./random.mjs").Random, clock: import("./dates.mjs").Clock,
 *   me: Person, messages: DemoMessage[] }} Context
 */

/**
 * Default flags of incoming mail by age: the last day and a half is mostly unread, a few older
 * messages were never opened, a few are flagged for later.
 * @param {Context} ctx @param {Date} date
 */
export function defaultFlags(ctx, date) {
  const hours = (ctx.clock.now.getTime() - date.getTime()) / 3_600_000;
  const unread =
    hours < 36
      ? ctx.rng.chance(0.65)
      : hours < 24 * 7
        ? ctx.rng.chance(0.12)
        : ctx.rng.chance(0.02);
  const flags = unread ? [] : ["\\Seen"];
  if (ctx.rng.chance(0.04)) flags.push("\\Flagged");
  return flags;
}

/**
 * Renders and records one message.
 * @param {Context} ctx
 * @param {import("./envelope.mjs").HeaderSpec & { id: string, mailbox?: string, flags?: string[], body: Part }} spec
 * @returns {DemoMessage}
 */
export function addMessage(ctx, spec) {
  if (ctx.messages.some((m) => m.id === spec.id))
    throw new Error(`duplicate demo message id ${spec.id}`);
  const { headers, messageId, internalDate } = messageHeaders({
    ...spec,
    key: `${ctx.seed}/${spec.id}`,
    recipient: spec.recipient ?? ctx.me.email,
  });
  const outgoing = spec.incoming === false;
  const flags = spec.flags ?? (outgoing ? ["\\Seen"] : defaultFlags(ctx, spec.date));
  const message = {
    id: spec.id,
    mailbox: spec.mailbox ?? (outgoing ? "Sent" : "INBOX"),
    flags,
    internalDate: outgoing ? new Date(spec.date.getTime() + 2000) : internalDate,
    bytes: renderMessage(headers, spec.body, `${ctx.seed}/${spec.id}`),
    messageId,
    subject: spec.subject,
  };
  ctx.messages.push(message);
  return message;
}

/** @param {string} text */
const escapeHtml = (text) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** @param {string} text */
const paragraphsHtml = (text) =>
  text
    .trim()
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>\n")}</p>`)
    .join("\n");

/**
 * format=flowed (RFC 3676) as Thunderbird writes it: long lines cut at spaces into lines of at
 * most 72 characters that end in a space (a soft break), quote marks repeated on every piece,
 * and lines that start with a space or "From " space-stuffed (section 4.4).
 * @param {string} text
 */
export function flowed(text) {
  return text
    .split("\n")
    .map((line) => {
      const quote = /^>+ ?/.exec(line)?.[0] ?? "";
      let content = line.slice(quote.length);
      if (quote === "" && (content.startsWith(" ") || content.startsWith("From ")))
        content = ` ${content}`;
      if (quote.length + content.length <= 78) return `${quote}${content}`;
      const pieces = [];
      let current = "";
      for (const word of content.split(" ")) {
        if (current && quote.length + current.length + word.length > 72) {
          pieces.push(`${quote}${current}`);
          current = "";
        }
        current += `${word} `;
      }
      pieces.push(`${quote}${current.trimEnd()}`);
      return pieces.join("\n");
    })
    .join("\n");
}

/** Clients that send HTML with a plain-text alternative. @param {Person} p */
const sendsHtml = (p) =>
  p.client === "Outlook" || p.client === "Apple Mail" || p.client === "Gmail";

/**
 * A personal or work message body as `from`'s client writes it, quoting `quoted` (the message
 * replied to) below an attribution line.
 * @param {Person} from @param {string} text
 * @param {{ from: Person, date: Date, text: string }} [quoted] `text`: its whole plain text
 * @returns {{ body: Part, plain: string }} `plain` is what a reply to this one quotes
 */
export function prose(from, text, quoted) {
  const attribution = quoted
    ? `On ${rfc5322Date(quoted.date, from.tz)}, ${quoted.from.name ?? quoted.from.email} wrote:`
    : "";
  const quotedText = quoted
    ? quoted.text
        .trim()
        .split("\n")
        .map((l) => (l === "" ? ">" : l.startsWith(">") ? `>${l}` : `> ${l}`))
        .join("\n")
    : "";
  const plain = quoted ? `${text.trim()}\n\n${attribution}\n${quotedText}\n` : `${text.trim()}\n`;
  if (!sendsHtml(from)) {
    return { body: textPart(flowed(plain), { params: { format: "flowed" } }), plain };
  }
  const quoteHtml = quoted
    ? `\n<div>${escapeHtml(attribution)}</div>\n<blockquote type="cite" style="margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex">\n${paragraphsHtml(quoted.text)}\n</blockquote>`
    : "";
  const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body style="font-family:Calibri,Arial,sans-serif;font-size:11pt">\n${paragraphsHtml(text)}${quoteHtml}\n</body></html>\n`;
  return {
    body: multipart("alternative", [textPart(plain), textPart(html, { subtype: "html" })]),
    plain,
  };
}

/** A greeting line in the sender's habit. @param {Person} to @param {number} variant */
export function greeting(to, variant) {
  return `${["Hi", "Hello", "Hey", "Dear", "Morning"][variant % 5]} ${firstName(to)},`;
}
