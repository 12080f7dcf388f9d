/**
 * The mailboxes beyond INBOX that hold their own kind of mail: Receipts (orders, invoices with
 * PDFs), Travel (bookings, boarding passes), Junk (spam and phishing, one with script in its
 * HTML — the sanitiser's job), Drafts (one \Draft), Trash, and Alice's own messages in Sent.
 *
 * Stable ids: receipt-*, travel-*, junk-<n>, draft-1, trash-<n>, sent-<n>.
 */
import { addMessage, prose } from "./compose.mjs";
import { makePdf, makeZip } from "./documents.mjs";
import { sunsetJpeg } from "./images.mjs";
import { attachment, multipart, textPart } from "./mime-writer.mjs";
import { COLLEAGUES, FRIENDS, SERVICES } from "./people.mjs";
import { addReceiptsAndTravel } from "./receipts-travel.mjs";

/** @typedef {import("./compose.mjs").Context} Context */

/** @param {number} score */
const spamHeaders = (score) =>
  /** @type {[string, string][]} */ ([
    ["X-Spam-Flag", "YES"],
    ["X-Spam-Score", score.toFixed(1)],
    ["X-Spam-Level", "*".repeat(Math.floor(score))],
    [
      "X-Spam-Status",
      `Yes, score=${score.toFixed(1)} required=5.0 tests=HTML_MESSAGE,MIME_HTML_ONLY,URIBL_BLACK,FREEMAIL_FROM,LOTS_OF_MONEY autolearn=spam`,
    ],
  ]);

/** @param {Context} ctx */
function addJunk(ctx) {
  const { clock, me } = ctx;
  const junk = [
    {
      from: {
        name: "International Lottery Board",
        email: "claims@lotto-winners.example.net",
        tz: "Africa/Lagos",
      },
      subject: "CONGRATULATIONS!!! You have WON €1,000,000.00",
      body: textPart(
        "Dear Lucky Winner,\n\nYour email address has won ONE MILLION EURO (€1,000,000.00) in our international draw. To claim, reply with your full name, address, date of birth and bank details.\n\nClaims agent: Mr. Smith\n",
      ),
      score: 14.2,
    },
    {
      from: {
        name: "Lumen Bank Security",
        email: "security@lumen-bank-secure.example.net",
        tz: "UTC",
      },
      subject: "Unusual sign-in activity - verify your account within 24 hours",
      body: textPart(
        `<html><body style="font-family:Arial"><img src="https://images.example.com/lumen-logo-fake.png" alt="Lumen Bank"><p>Dear customer,</p><p>We detected unusual activity. Your account will be <b>suspended</b> unless you verify your identity.</p><p><a href="https://lumen-bank-secure.example.net/verify?id=${ctx.rng.hex(10)}">https://lumenbank.example.com/verify</a></p><form action="https://lumen-bank-secure.example.net/collect" method="post"><input name="card" placeholder="Card number"><input name="pin" type="password" placeholder="PIN"><button>Verify</button></form><script>document.title = "Lumen Bank - Verify";</script><img src="x" onerror="this.src='https://lumen-bank-secure.example.net/p.gif?o=1'"></body></html>\n`,
        { subtype: "html" },
      ),
      score: 11.6,
    },
    {
      from: { name: "CryptoGains Pro", email: "invest@cryptogains.example.com", tz: "UTC" },
      subject: "Turn £250 into £12,000 in 7 days (guaranteed) 🚀💰",
      body: textPart(
        "Our AI trading robot made members 4,700% last month. Spots are limited - register now: https://cryptogains.example.com/r/9931\n",
      ),
      score: 9.8,
    },
    {
      from: { name: "Accounts Payable", email: "ap@invoices-dept.example.net", tz: "UTC" },
      subject: "Overdue invoice #88213 - payment required",
      body: multipart("mixed", [
        textPart(
          "Please see the attached invoice, overdue since last month. Open the attachment for payment details.\n",
        ),
        attachment(
          makeZip(
            [
              {
                name: "Invoice_88213.pdf.exe",
                data: Buffer.from(
                  "This is not a real program: a demo of a dangerous attachment name.\r\n",
                ),
              },
            ],
            clock.now,
          ),
          "application/zip",
          "Invoice_88213.zip",
        ),
      ]),
      score: 12.4,
    },
    {
      from: { name: "Pharmacy Deals", email: "deals@pharma-discount.example.com", tz: "UTC" },
      subject: "Best prices on medicines - 80% off, no prescription",
      body: textPart(
        '<html><body><h1 style="color:red">80% OFF</h1><p>No prescription needed! <a href="https://pharma-discount.example.com/?ref=mail">Order now</a></p><img src="https://images.example.com/pills-banner.gif" width="600" height="300"></body></html>\n',
        { subtype: "html" },
      ),
      score: 8.7,
    },
  ];
  junk.forEach((j, i) => {
    addMessage(ctx, {
      id: `junk-${i + 1}`,
      mailbox: "Junk",
      from: j.from,
      to: [me],
      subject: j.subject,
      date: clock.at(i * 5 + 1, ctx.rng.int(0, 23), ctx.rng.int(0, 59), "UTC"),
      flags: i < 2 ? [] : ["\\Seen"],
      extra: spamHeaders(j.score),
      body: j.body,
    });
  });
}

/** @param {Context} ctx */
function addSent(ctx) {
  const { clock, me } = ctx;
  const { carol, hr, bob, priya, dave } = COLLEAGUES;
  const sent = [
    {
      to: [FRIENDS.mum],
      subject: "Photos from the weekend",
      text: "Hi Mum,\n\nTwo photos from the walk on Sunday - the light was amazing.\n\nAlice x",
      photo: true,
      daysAgo: 26,
    },
    {
      to: [carol, bob, priya],
      subject: "Agenda for Thursday",
      text: "Hi all,\n\nAgenda for Thursday's review:\n\n1. Roadmap (Carol)\n2. Capacity (Bob)\n3. Customer requests (Priya)\n\nAlice",
      daysAgo: 11,
    },
    {
      to: [hr],
      subject: "Expense receipts for the Lisbon trip",
      text: "Hello,\n\nReceipts for the Lisbon customer visit are attached.\n\nThanks,\nAlice",
      pdf: true,
      daysAgo: 35,
    },
    {
      to: [carol],
      subject: "Can we move our 1:1?",
      text: "Hi Carol,\n\nCould we move Tuesday's 1:1 to Wednesday at the same time? I have a customer call.\n\nAlice",
      daysAgo: 8,
    },
    {
      to: [FRIENDS.mum],
      subject: "Happy birthday Mum! 🎂",
      text: "Happy birthday Mum! 🎂\n\nSee you on Sunday with cake.\n\nLots of love,\nAlice x",
      daysAgo: 50,
    },
    {
      to: [FRIENDS.lorina],
      subject: "Quick favour",
      text: "Lorina, could you feed the cat on Saturday? I'm in Oxford for the day.\n\nA x",
      daysAgo: 3,
    },
    {
      to: [dave],
      subject: "Postmortem invite",
      text: "Hi Dave,\n\nI've booked Friday 14:00 for the INC-2317 postmortem. Could you share the timeline beforehand?\n\nThanks,\nAlice",
      daysAgo: 1,
    },
    {
      to: [FRIENDS.soren],
      subject: "Re: Board game night",
      text: "Count me in! I'll bring crisps.\n\nAlice",
      daysAgo: 70,
    },
  ];
  sent.forEach((s, i) => {
    const date = clock.at(s.daysAgo, ctx.rng.int(8, 21), ctx.rng.int(0, 59), me.tz);
    const text = prose(me, s.text).body;
    const extras = [];
    if (s.photo) extras.push(attachment(sunsetJpeg(480, 320), "image/jpeg", "walk-sunday.jpg"));
    if (s.pdf)
      extras.push(
        attachment(
          makePdf({
            title: "Expense receipts - Lisbon",
            lines: [
              "Flight SKY4471: GBP 142.80",
              "Hotel Aurora, 2 nights: EUR 236.00",
              "Taxi: EUR 31.50",
            ],
          }),
          "application/pdf",
          "lisbon-receipts.pdf",
        ),
      );
    addMessage(ctx, {
      id: `sent-${i + 1}`,
      incoming: false,
      from: me,
      to: s.to,
      subject: s.subject,
      date,
      body: extras.length > 0 ? multipart("mixed", [text, ...extras]) : text,
    });
  });

  addMessage(ctx, {
    id: "draft-1",
    mailbox: "Drafts",
    incoming: false,
    flags: ["\\Draft", "\\Seen"],
    from: me,
    to: [COLLEAGUES.dave, COLLEAGUES.tomas, COLLEAGUES.mei],
    subject: "Postmortem notes: INC-2317",
    date: new Date(clock.now.getTime() - 42 * 60_000),
    extra: [
      [
        "X-Mozilla-Draft-Info",
        "internal/draft; vcard=0; receipt=0; DSN=0; uuencode=0; attachmentreminder=0; deliveryformat=0",
      ],
    ],
    body: textPart(
      "Draft - to send after Friday\n\nWhat happened:\n- config deploy at 07:35 added the request id to the cache key\n- cache hit ratio fell from 94% to 11%\n\nWhat went well:\n- cause found in under 30 minutes\n\nTo do:\n- test for the cache key shape (Tomás)\n- \n",
    ),
  });
}

/** @param {Context} ctx */
function addTrash(ctx) {
  const { clock, me } = ctx;
  const trash = [
    {
      from: SERVICES.shop,
      subject: "Last chance: free delivery ends tonight",
      text: "Free delivery on all orders ends at midnight.",
    },
    {
      from: SERVICES.gym,
      subject: "We miss you! Come back for £1",
      text: "Your first month back is just £1.",
    },
    {
      from: SERVICES.calendar,
      subject: "Reminder: Dentist @ Mon 08:40",
      text: "Dentist\nStarts in 1 hour.",
    },
  ];
  trash.forEach((t, i) => {
    addMessage(ctx, {
      id: `trash-${i + 1}`,
      mailbox: "Trash",
      from: t.from,
      to: [me],
      subject: t.subject,
      date: clock.at(i * 4 + 2, 10, 15, t.from.tz),
      flags: ["\\Seen"],
      body: textPart(`${t.text}\n`),
    });
  });
}

/** @param {Context} ctx */
export function addFolders(ctx) {
  addReceiptsAndTravel(ctx);
  addJunk(ctx);
  addSent(ctx);
  addTrash(ctx);
}
