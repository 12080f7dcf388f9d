/**
 * Newsletters as bulk senders write them: multipart/alternative with a plain-text version and
 * an HTML version built of nested tables and inline CSS, remote images on images.example.com
 * (headers, thumbnails and a 1×1 tracking pixel — what remote-image blocking is for), List-Id
 * and one-click List-Unsubscribe (RFC 2369, RFC 8058).
 *
 * Stable ids: newsletter-morningbyte-<n>, newsletter-greenthumb-<n>, newsletter-cartwheel-<n>,
 * newsletter-hatter-<n>; n = 1 is the most recent issue. newsletter-morningbyte-1 is the
 * well-known "newsletter with remote images" (INBOX).
 */
import { addMessage } from "./compose.mjs";
import { multipart, textPart } from "./mime-writer.mjs";
import { BOOKS, GARDEN_TIPS, PRODUCT_NOTES, TECH_STORIES } from "./newsletter-texts.mjs";

/** @typedef {import("./compose.mjs").Context} Context */

const IMG = "https://images.example.com";

/** @param {string} text */
const esc = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** @param {Date} date @param {string} timeZone */
const longDate = (date, timeZone) =>
  new Intl.DateTimeFormat("en-GB", {
    weekday: "long",
    day: "numeric",
    month: "long",
    timeZone,
  }).format(date);

/**
 * The shared table skeleton of a bulk HTML mail.
 * @param {{ title: string, accent: string, header: string, preheader: string, rows: string,
 *   footer: string, pixel: string }} p
 */
function layout(p) {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(p.title)}</title>
<style>@media (max-width: 620px) { .wrap { width: 100% !important; } .col { display: block !important; width: 100% !important; } }</style>
</head>
<body style="margin:0;padding:0;background:#eef1f5;">
<div style="display:none;max-height:0;overflow:hidden;">${esc(p.preheader)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#eef1f5;">
<tr><td align="center" style="padding:24px 8px;">
<table role="presentation" class="wrap" width="600" cellpadding="0" cellspacing="0" border="0" style="background:#ffffff;border-radius:8px;overflow:hidden;">
<tr><td style="background:${p.accent};"><img src="${p.header}" width="600" height="120" alt="${esc(p.title)}" style="display:block;border:0;width:100%;height:auto;"></td></tr>
${p.rows}
<tr><td style="padding:16px 24px;background:#f7f7f9;font:12px/1.5 Helvetica,Arial,sans-serif;color:#777;">${p.footer}</td></tr>
</table>
<img src="${p.pixel}" width="1" height="1" alt="" style="display:block;border:0;">
</td></tr>
</table>
</body></html>
`;
}

/** @param {string} body @param {string} html */
const alternative = (body, html) =>
  multipart("alternative", [
    textPart(body, { encoding: "quoted-printable", charset: "utf-8" }),
    textPart(html, { subtype: "html", encoding: "quoted-printable", charset: "utf-8" }),
  ]);

/**
 * @param {Context} ctx
 * @param {{ key: string, name: string, from: import("./people.mjs").Person, mailbox: string,
 *   issues: number, everyDays: number, firstDaysAgo: number, hour: number }} nl
 * @param {(n: number, date: Date) => { subject: string, text: string, html: string }} render
 */
function addSeries(ctx, nl, render) {
  for (let n = 1; n <= nl.issues; n++) {
    const daysAgo = nl.firstDaysAgo + (n - 1) * nl.everyDays;
    const date = ctx.clock.at(daysAgo, nl.hour, ctx.rng.int(0, 20), nl.from.tz);
    const { subject, text, html } = render(n, date);
    addMessage(ctx, {
      id: `newsletter-${nl.key}-${n}`,
      mailbox: nl.mailbox,
      from: nl.from,
      to: [ctx.me],
      subject,
      date,
      list: {
        id: `${nl.name} <${nl.key}.list-id.${nl.from.email.split("@")[1]}>`,
        unsubscribe: `<https://${nl.key}.example.com/u/${ctx.rng.hex(16)}>, <mailto:unsubscribe+${ctx.rng.hex(8)}@${nl.from.email.split("@")[1]}>`,
        archive: `<https://${nl.key}.example.com/archive>`,
      },
      body: alternative(text, html),
    });
  }
}

/** @param {Context} ctx */
export function addNewsletters(ctx) {
  const tracking = (/** @type {string} */ list, /** @type {number} */ n) =>
    `${IMG}/t/open.gif?l=${list}&i=${n}&u=${ctx.rng.hex(12)}`;

  addSeries(
    ctx,
    {
      key: "morningbyte",
      name: "The Morning Byte",
      from: {
        name: "The Morning Byte",
        email: "hello@morningbyte.example.com",
        tz: "America/New_York",
        client: "bulk",
        relay: "mta-12.morningbyte.example.com",
        ip: "198.51.100.201",
      },
      mailbox: "INBOX",
      issues: 16,
      everyDays: 7,
      firstDaysAgo: 0,
      hour: 6,
    },
    (n, date) => {
      const issue = 340 - n;
      const stories = ctx.rng.shuffle(TECH_STORIES).slice(0, 4);
      const lead = /** @type {import("./newsletter-texts.mjs").Story} */ (stories[0]);
      const day = longDate(date, "America/New_York");
      const link = (/** @type {string} */ slug) =>
        `https://morningbyte.example.com/r/${slug}?utm_source=newsletter&utm_medium=email&utm_campaign=issue-${issue}`;
      const rows = stories
        .map(
          (s, i) => `<tr><td style="padding:${i === 0 ? 24 : 12}px 24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr>
<td class="col" width="160" valign="top"><img src="${IMG}/morningbyte/stories/${s.slug}.jpg" width="150" height="100" alt="" style="display:block;border-radius:4px;"></td>
<td class="col" valign="top" style="font:15px/1.5 Georgia,serif;color:#222;padding-left:12px;">
<h2 style="margin:0 0 6px;font:bold 18px/1.3 Helvetica,Arial,sans-serif;color:#111;">${esc(s.title)}</h2>
<p style="margin:0 0 8px;">${esc(s.blurb)}</p>
<a href="${link(s.slug)}" style="color:#0b62d6;font:bold 14px Helvetica,Arial,sans-serif;text-decoration:none;">Read more &rarr;</a>
</td></tr></table></td></tr>`,
        )
        .join("\n");
      const html = layout({
        title: `The Morning Byte #${issue}`,
        accent: "#10223f",
        header: `${IMG}/morningbyte/header-2025.png`,
        preheader: lead.blurb,
        rows: `<tr><td style="padding:20px 24px 0;font:13px Helvetica,Arial,sans-serif;color:#888;">Issue #${issue} &middot; ${esc(day)}</td></tr>\n${rows}`,
        footer: `You are receiving this because you subscribed at morningbyte.example.com.<br><a href="https://morningbyte.example.com/preferences" style="color:#777;">Preferences</a> &middot; <a href="https://morningbyte.example.com/unsubscribe" style="color:#777;">Unsubscribe</a><br>The Morning Byte, 500 Example Ave, Brooklyn NY`,
        pixel: tracking("mb", issue),
      });
      const text = `THE MORNING BYTE · Issue #${issue} · ${day}\n\n${stories
        .map((s) => `${s.title}\n${s.blurb}\n${link(s.slug)}\n`)
        .join("\n")}\n--\nUnsubscribe: https://morningbyte.example.com/unsubscribe\n`;
      return { subject: `☕ ${lead.title}`, text, html };
    },
  );

  addSeries(
    ctx,
    {
      key: "greenthumb",
      name: "Green Thumb Weekly",
      from: {
        name: "Green Thumb Weekly",
        email: "tips@greenthumb.example.org",
        tz: "Europe/London",
        client: "bulk",
        relay: "smtp.greenthumb.example.org",
        ip: "192.0.2.210",
      },
      mailbox: "Newsletters",
      issues: 22,
      everyDays: 7,
      firstDaysAgo: 3,
      hour: 8,
    },
    (n) => {
      const tips = ctx.rng.shuffle(GARDEN_TIPS).slice(0, 3);
      const rows = tips
        .map(
          (t) => `<tr><td style="padding:16px 24px;font:15px/1.6 Verdana,sans-serif;color:#2d3b2d;">
<img src="${IMG}/greenthumb/${t.slug}.jpg" width="552" height="200" alt="${esc(t.title)}" style="display:block;width:100%;height:auto;border-radius:6px;">
<h2 style="color:#2f6b2f;font-size:19px;margin:12px 0 4px;">${esc(t.title)}</h2><p style="margin:0;">${esc(t.blurb)}</p></td></tr>`,
        )
        .join("\n");
      const html = layout({
        title: "Green Thumb Weekly",
        accent: "#2f6b2f",
        header: `${IMG}/greenthumb/banner.png`,
        preheader: `This week: ${tips.map((t) => t.title.toLowerCase()).join(", ")}`,
        rows,
        footer: `Happy gardening! &#127793; <a href="https://greenthumb.example.org/unsubscribe" style="color:#777;">Unsubscribe</a>`,
        pixel: tracking("gt", n),
      });
      const text = `Green Thumb Weekly\n\n${tips.map((t) => `* ${t.title}\n  ${t.blurb}`).join("\n\n")}\n\nHappy gardening! 🌱\n`;
      return { subject: `🌱 This week: ${tips[0]?.title.toLowerCase()}`, text, html };
    },
  );

  addSeries(
    ctx,
    {
      key: "cartwheel",
      name: "Cartwheel Books",
      from: {
        name: "Cartwheel Books",
        email: "news@cartwheel.example.com",
        tz: "Europe/London",
        client: "bulk",
        relay: "smtp.cartwheel.example.com",
        ip: "198.51.100.99",
      },
      mailbox: "INBOX",
      issues: 10,
      everyDays: 14,
      firstDaysAgo: 4,
      hour: 17,
    },
    (n) => {
      const picks = ctx.rng.shuffle(BOOKS).slice(0, 3);
      const code = `READ${20 + n}`;
      const cells = picks
        .map(
          (
            b,
          ) => `<td class="col" width="33%" valign="top" align="center" style="padding:12px;font:14px/1.4 Helvetica,Arial,sans-serif;">
<img src="${IMG}/cartwheel/covers/${b.slug}.jpg" width="140" height="210" alt="${esc(b.title)}" style="display:block;margin:0 auto 8px;box-shadow:0 2px 6px rgba(0,0,0,.2);">
<strong>${esc(b.title)}</strong><br><span style="color:#666;">${esc(b.author)}</span><br>
<span style="color:#c0392b;font-weight:bold;">${esc(b.price)}</span> <s style="color:#999;">${esc(b.was)}</s></td>`,
        )
        .join("\n");
      const html = layout({
        title: "Cartwheel Books",
        accent: "#c0392b",
        header: `${IMG}/cartwheel/header-autumn.png`,
        preheader: `Up to 30% off this weekend with code ${code}`,
        rows: `<tr><td align="center" style="padding:24px;font:bold 24px Georgia,serif;color:#222;">This weekend only: up to 30% off</td></tr>
<tr><td><table role="presentation" width="100%"><tr>${cells}</tr></table></td></tr>
<tr><td align="center" style="padding:8px 24px 24px;"><a href="https://cartwheel.example.com/sale?code=${code}" style="display:inline-block;background:#c0392b;color:#fff;padding:12px 28px;border-radius:4px;font:bold 16px Helvetica,Arial,sans-serif;text-decoration:none;">Shop the sale</a><br><span style="font:12px Helvetica,Arial,sans-serif;color:#888;">Use code <b>${code}</b> at checkout</span></td></tr>`,
        footer: `Cartwheel Books, 12 Example Lane, Bristol. <a href="https://cartwheel.example.com/unsubscribe" style="color:#777;">Unsubscribe</a>`,
        pixel: tracking("cw", n),
      });
      const text = `This weekend only: up to 30% off with code ${code}\n\n${picks
        .map((b) => `${b.title} by ${b.author} - ${b.price} (was ${b.was})`)
        .join("\n")}\n\nShop: https://cartwheel.example.com/sale?code=${code}\n`;
      return { subject: `${picks[0]?.title} and more: up to 30% off this weekend 📚`, text, html };
    },
  );

  addSeries(
    ctx,
    {
      key: "hatter",
      name: "Hatter product updates",
      from: {
        name: "Hatter by Looking Glass",
        email: "updates@hatter.example.com",
        tz: "Europe/London",
        client: "bulk",
        relay: "mail.hatter.example.com",
        ip: "203.0.113.230",
      },
      mailbox: "Newsletters",
      issues: 6,
      everyDays: 30,
      firstDaysAgo: 8,
      hour: 10,
    },
    (n, date) => {
      const month = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric" }).format(
        date,
      );
      const notes = ctx.rng.shuffle(PRODUCT_NOTES).slice(0, 3);
      const html = layout({
        title: `What's new in Hatter - ${month}`,
        accent: "#4f46e5",
        header: `${IMG}/hatter/whats-new.png`,
        preheader: notes[0] ?? "",
        rows: `<tr><td style="padding:24px;font:15px/1.6 Helvetica,Arial,sans-serif;color:#1f2937;"><h1 style="font-size:22px;margin:0 0 12px;">What's new in ${esc(month)}</h1><ul style="padding-left:20px;margin:0;">${notes
          .map((x) => `<li style="margin-bottom:8px;">${esc(x)}</li>`)
          .join("")}</ul></td></tr>`,
        footer: `Hatter by Looking Glass Analytics. <a href="https://hatter.example.com/account/emails" style="color:#777;">Email settings</a>`,
        pixel: tracking("ht", n),
      });
      const text = `What's new in Hatter - ${month}\n\n${notes.map((x) => `- ${x}`).join("\n")}\n`;
      return { subject: `What's new in Hatter - ${month}`, text, html };
    },
  );
}
