/**
 * Messages that show one MIME feature each: attachments of several types and sizes, an inline
 * cid: image in multipart/related, a calendar invitation, a forwarded message/rfc822, a
 * non-ASCII attachment name (RFC 2231), a ZIP, a ~2 MB recording.
 *
 * Stable ids: attachments-png-pdf, inline-image, calendar-invite, forwarded-rfc822,
 * large-attachment, photos-jpeg, zip-csv, text-log, attachment-name-2231.
 */
import { addMessage, prose } from "./compose.mjs";
import { rfc5322Date } from "./dates.mjs";
import { makeCsv, makeInvitation, makePdf, makeWav, makeZip } from "./documents.mjs";
import { formatAddress } from "./encodings.mjs";
import { chartPng, logoPng, sunsetJpeg } from "./images.mjs";
import {
  attachment,
  encodedPart,
  messagePart,
  multipart,
  renderMessage,
  textPart,
} from "./mime-writer.mjs";
import { COLLEAGUES, FRIENDS, PARTNERS } from "./people.mjs";

/** @typedef {import("./compose.mjs").Context} Context */

/** @param {Context} ctx */
export function addFeatured(ctx) {
  const { clock, me } = ctx;
  const { carol, priya, bob, mei, jonas, it } = COLLEAGUES;

  const q3 = clock.atWorkday(5, 16, 42, carol.tz);
  addMessage(ctx, {
    id: "attachments-png-pdf",
    from: carol,
    to: [me],
    cc: [bob],
    subject: "Q3 dashboard and report",
    date: q3,
    flags: ["\\Seen", "\\Flagged"],
    body: multipart("mixed", [
      prose(
        carol,
        "Hi Alice,\n\nHere are the two things for Monday's board pack: a screenshot of the weekly active users dashboard and the Q3 summary report (PDF).\n\nWAU is up 18% quarter on quarter - the chart makes that nicely obvious.\n\nCarol",
      ).body,
      attachment(chartPng(), "image/png", "weekly-active-users.png"),
      attachment(
        makePdf({
          title: "Q3 summary report",
          author: "Carol Danvers",
          lines: [
            "Looking Glass Analytics - internal",
            "Weekly active users up 18% quarter on quarter.",
            "Churn down to 1.9% (from 2.4%).",
            "Two enterprise renewals closed (Fabrikam, Contoso).",
          ],
          rows: [
            ["Metric", "Q2", "Q3", "Change"],
            ["WAU", "41,200", "48,600", "+18%"],
            ["Churn", "2.4%", "1.9%", "-0.5 pt"],
            ["NPS", "38", "44", "+6"],
          ],
        }),
        "application/pdf",
        "Q3-summary-report.pdf",
      ),
    ]),
  });

  const logoCid = "logo-v3.7F0A2C91@example.test";
  const logoHtml = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body style="font-family:-apple-system,Helvetica,sans-serif">
<p>Hi Alice,</p>
<p>Here is the final logo, as it will look in the app header:</p>
<p><img src="cid:${logoCid}" width="96" height="96" alt="Looking Glass logo, version 3"></p>
<p>The ring is #4F46E5 fading to #7C3AED, the handle the same. SVG and the full brand kit follow on Monday.</p>
<p>Mei</p>
</body></html>\n`;
  addMessage(ctx, {
    id: "inline-image",
    from: mei,
    to: [me],
    subject: "New logo - final version",
    date: clock.atWorkday(9, 11, 5, mei.tz),
    body: multipart("alternative", [
      textPart(
        "Hi Alice,\n\nHere is the final logo, as it will look in the app header.\n\nThe ring is #4F46E5 fading to #7C3AED, the handle the same. SVG and the full brand kit follow on Monday.\n\nMei\n",
      ),
      multipart(
        "related",
        [
          textPart(logoHtml, { subtype: "html" }),
          attachment(logoPng(), "image/png", "logo-v3.png", { inline: true, contentId: logoCid }),
        ],
        { type: "text/html" },
      ),
    ]),
  });

  const inviteStart = new Date(
    Math.ceil(clock.now.getTime() / 86_400_000 + 6) * 86_400_000 + 9 * 3_600_000,
  );
  const invitation = makeInvitation({
    uid: `q3-offsite-${ctx.seed}@example.test`,
    summary: "Q3 planning offsite",
    location: "The Tea Room, 4 Example Street, Oxford",
    description: "Agenda:\n1. Q3 roadmap\n2. Hiring plan\n3. Team dinner at 7 pm",
    start: inviteStart,
    end: new Date(inviteStart.getTime() + 8 * 3_600_000),
    stamp: clock.at(1, 14, 20, carol.tz),
    organizer: carol,
    attendees: [me, bob, priya, COLLEAGUES.dave],
  });
  const when = new Intl.DateTimeFormat("en-GB", {
    dateStyle: "full",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(inviteStart);
  addMessage(ctx, {
    id: "calendar-invite",
    from: carol,
    to: [me, bob, priya, COLLEAGUES.dave],
    subject: `Invitation: Q3 planning offsite @ ${when} (UTC)`,
    date: clock.at(1, 14, 20, carol.tz),
    flags: [],
    body: multipart("mixed", [
      multipart("alternative", [
        textPart(
          `You have been invited to the following event.\n\nQ3 planning offsite\nWhen: ${when} (UTC)\nWhere: The Tea Room, 4 Example Street, Oxford\nOrganizer: Carol Danvers\n\nAgenda:\n1. Q3 roadmap\n2. Hiring plan\n3. Team dinner at 7 pm\n\nGoing? Yes - Maybe - No\n`,
        ),
        textPart(
          `<html><body><h3>Q3 planning offsite</h3><p><b>When</b> ${when} (UTC)<br><b>Where</b> The Tea Room, 4 Example Street, Oxford<br><b>Organizer</b> Carol Danvers</p><ol><li>Q3 roadmap</li><li>Hiring plan</li><li>Team dinner at 7 pm</li></ol></body></html>\n`,
          { subtype: "html" },
        ),
        encodedPart(invitation, {
          type: "text/calendar",
          params: { charset: "UTF-8", method: "REQUEST" },
          encoding: "7bit",
        }),
      ]),
      attachment(invitation, "application/ics", "invite.ics"),
    ]),
  });

  // The forwarded original: a venue's confirmation with its own PDF, as bob received it.
  const venue = {
    name: "The Tea Room Events",
    email: "events@tearoom.example.com",
    tz: "Europe/London",
  };
  const originalDate = clock.atWorkday(16, 10, 12, venue.tz);
  const original = renderMessage(
    [
      ["Date", rfc5322Date(originalDate, venue.tz)],
      ["From", formatAddress(venue)],
      ["To", formatAddress(bob)],
      ["Subject", "Offsite venue confirmation - booking TR-4471"],
      ["Message-ID", `<booking-TR-4471.${ctx.seed}@tearoom.example.com>`],
    ],
    multipart("mixed", [
      textPart(
        "Dear Mr Builder,\n\nThank you for your booking. We are pleased to confirm the Garden Room for 12 guests, with lunch and afternoon tea. Your confirmation is attached.\n\nWarm regards,\nThe Tea Room Events Team\n",
      ),
      attachment(
        makePdf({
          title: "Booking confirmation TR-4471",
          lines: [
            "Garden Room, 12 guests",
            "Lunch and afternoon tea",
            "Deposit received: GBP 300.00",
          ],
        }),
        "application/pdf",
        "TR-4471-confirmation.pdf",
      ),
    ]),
    `${ctx.seed}/forwarded-original`,
  );
  addMessage(ctx, {
    id: "forwarded-rfc822",
    from: bob,
    to: [me],
    subject: "Fwd: Offsite venue confirmation - booking TR-4471",
    date: clock.after(originalDate, 60, 200),
    body: multipart("mixed", [
      prose(
        bob,
        "Alice - venue is confirmed, see the forwarded mail. Deposit is paid from the team budget.\n\nBob",
      ).body,
      messagePart(original, { filename: "Offsite venue confirmation - booking TR-4471.eml" }),
    ]),
  });

  addMessage(ctx, {
    id: "large-attachment",
    from: FRIENDS.lorina,
    to: [me],
    subject: "The song for Mum's birthday 🎵",
    date: clock.at(11, 20, 30, FRIENDS.lorina.tz),
    body: multipart("mixed", [
      prose(
        FRIENDS.lorina,
        "I recorded the tune on Kit's keyboard so you can practise before Sunday. It's big, sorry (2 MB)!\n\nL x",
      ).body,
      attachment(makeWav(), "audio/wav", "happy-birthday-practice.wav"),
    ]),
  });

  addMessage(ctx, {
    id: "photos-jpeg",
    from: FRIENDS.edith,
    to: [me],
    subject: "Sunset at Cabo da Roca",
    date: clock.at(38, 19, 55, "Europe/Lisbon"),
    body: multipart("mixed", [
      textPart(
        "Alice! We made it to the westernmost point of Europe just in time. Two photos, the big one is for your wallpaper :)\n\nEdith\n\nSent from my phone\n",
      ),
      attachment(sunsetJpeg(), "image/jpeg", "IMG_4471.jpeg", { inline: true }),
      attachment(sunsetJpeg(1024, 683), "image/jpeg", "IMG_4472.jpeg", { inline: true }),
    ]),
  });

  const customers = [
    ["Customer", "Plan", "Seats", "Renewal", "Health"],
    ["Fabrikam", "Enterprise", 250, "2025-11-30", "green"],
    ["Contoso", "Enterprise", 120, "2025-12-15", "amber"],
    ["Tailspin Toys", "Team", 35, "2026-01-31", "green"],
    ["Wingtip", "Team", 18, "2025-10-01", "red"],
    ["Café Lumière", "Starter", 4, "2025-09-12", "green"],
  ];
  const csv = makeCsv(customers);
  const zipDate = clock.at(15, 13, 10, priya.tz);
  addMessage(ctx, {
    id: "zip-csv",
    from: priya,
    to: [me],
    subject: "Customer export for the QBR",
    date: zipDate,
    body: multipart("mixed", [
      prose(
        priya,
        "Hi Alice,\n\nThe customer export is attached as CSV, and the full QBR pack (CSV, chart, readme) as a zip.\n\nPriya",
      ).body,
      attachment(csv, "text/csv", "customers-2025.csv", { params: { charset: "utf-8" } }),
      attachment(
        makeZip(
          [
            {
              name: "README.txt",
              data: Buffer.from(
                "QBR pack\r\n\r\ncustomers.csv - one row per customer\r\nwau.png - weekly active users\r\n",
              ),
            },
            { name: "customers.csv", data: csv },
            { name: "charts/wau.png", data: chartPng(320, 180) },
          ],
          zipDate,
        ),
        "application/zip",
        "qbr-pack.zip",
      ),
    ]),
  });

  const log = Array.from({ length: 60 }, (_, i) => {
    const t = new Date(clock.now.getTime() - 3 * 86_400_000 + i * 17_000).toISOString();
    const events = [
      "resolving vpn.example.test",
      "TLS handshake ok (TLSv1.3)",
      "pushed route 10.20.0.0/16",
      "keepalive timeout, retrying",
      "tunnel up, mtu 1380",
      "DNS server 10.20.0.2",
    ];
    return `${t} openvpn[4412]: ${events[i % events.length]}`;
  }).join("\n");
  addMessage(ctx, {
    id: "text-log",
    from: it,
    to: [me],
    subject: "RE: [HD-8812] VPN drops every few minutes",
    date: clock.atWorkday(3, 10, 40, it.tz),
    body: multipart("mixed", [
      prose(
        it,
        "Hi Alice,\n\nThe client log you sent shows keepalive timeouts. We have raised the timeout on the gateway; please try again and reply to this ticket if it still drops.\n\nIT Helpdesk",
      ).body,
      encodedPart(Buffer.from(`${log.replace(/\n/g, "\r\n")}\r\n`), {
        type: "text/plain",
        params: { charset: "us-ascii" },
        encoding: "7bit",
        filename: "openvpn-client.log",
        disposition: "attachment",
      }),
    ]),
  });

  addMessage(ctx, {
    id: "attachment-name-2231",
    from: jonas,
    to: [me],
    cc: [PARTNERS.wingtip],
    subject: "Slides for Wingtip (German version)",
    date: clock.atWorkday(19, 9, 15, jonas.tz),
    body: multipart("mixed", [
      prose(
        jonas,
        "Hi Alice,\n\nHere's the German deck for Hendrik's team - could you check the pricing slide?\n\nDanke!\nJonas",
      ).body,
      attachment(
        makePdf({
          title: "Praesentation Wingtip - Entwurf",
          author: "Jonas Becker",
          lines: ["Hatter fuer Wingtip", "Preise und Lizenzen", "Zeitplan"],
        }),
        "application/pdf",
        "Präsentation Wingtip – Entwurf.pdf",
      ),
    ]),
  });
}
