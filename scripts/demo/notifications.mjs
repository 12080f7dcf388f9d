/**
 * Machine-written mail: code-review notifications that thread per pull request (the way
 * GitHub sets Message-ID/In-Reply-To, with the actor's name on a no-reply address), CI
 * results, calendar reminders, HTML-only bank notices, parcel tracking, class bookings and
 * sign-in alerts.
 *
 * Stable ids: codehub-<pr>-<n>, ci-<n>, reminder-<n>, bank-<n>, parcel-<order>-<n>, gym-<n>,
 * security-<n>, password-reset.
 */
import { addMessage } from "./compose.mjs";
import { multipart, textPart } from "./mime-writer.mjs";
import { COLLEAGUES, SERVICES } from "./people.mjs";

/** @typedef {import("./compose.mjs").Context} Context */

const REPO = "lookingglass/hatter";
const PULLS = [
  {
    n: 1423,
    title: "Fix cache key for EU region",
    by: "tomas",
    comments: ["LGTM, one nit on the test name.", "Renamed, thanks!", "Merged into main."],
  },
  {
    n: 1419,
    title: "Scheduled reports: PDF output",
    by: "bob",
    comments: [
      "Can we reuse the chart renderer from the export API?",
      "Good idea - done in 4f1c2e0.",
    ],
  },
  {
    n: 1411,
    title: "Saved filters survive deploys",
    by: "tomas",
    comments: ["Tested on staging, works."],
  },
  {
    n: 1402,
    title: "Chart palette: WCAG AA contrast",
    by: "mei",
    comments: ["Screenshots look great.", "Approved."],
  },
  {
    n: 1397,
    title: "SSO: SAML metadata upload",
    by: "priya",
    comments: ["Needs a test for expired certificates.", "Added.", "Thanks, approving."],
  },
  { n: 1385, title: "Bump query engine to 3.2", by: "dave", comments: [] },
  {
    n: 1379,
    title: "Export API: stream CSV without buffering",
    by: "bob",
    comments: ["Nice - memory flat at 40 MB for a 2 GB export.", "Merged."],
  },
  {
    n: 1366,
    title: "Retention: nightly purge job",
    by: "dave",
    comments: [
      "What happens if the job overlaps with a backup?",
      "It waits on the backup lock now.",
    ],
  },
];

/** @param {Context} ctx */
export function addNotifications(ctx) {
  const { clock, me, rng } = ctx;
  const hub = SERVICES.codehub;
  const people = /** @type {Record<string, import("./people.mjs").Person>} */ (COLLEAGUES);

  PULLS.forEach((pr, index) => {
    const author = /** @type {import("./people.mjs").Person} */ (people[pr.by]);
    const threadId = `<${REPO}/pull/${pr.n}@codehub.example.com>`;
    let date = clock.at(
      Math.round(index * 11 + rng.int(0, 4)),
      rng.int(9, 17),
      rng.int(0, 59),
      author.tz,
    );
    const subject = `[${REPO}] ${pr.title} (PR #${pr.n})`;
    const messages = [
      {
        who: author,
        text: `${author.name} requested your review on: ${REPO}#${pr.n} ${pr.title}.`,
        reason: "review_requested",
      },
    ];
    pr.comments.forEach((c, i) => {
      const who =
        i % 2 === 0
          ? /** @type {import("./people.mjs").Person} */ (
              people[rng.pick(["bob", "dave", "mei", "priya", "carol"].filter((p) => p !== pr.by))]
            )
          : author;
      messages.push({ who, text: c, reason: "comment" });
    });
    messages.forEach((m, i) => {
      if (i > 0) date = clock.after(date, 20, 600);
      const url = `https://codehub.example.com/${REPO}/pull/${pr.n}${i > 0 ? `#issuecomment-${2_000_000 + pr.n * 10 + i}` : ""}`;
      const footer = `\n\n--\nReply to this email directly, view it on CodeHub:\n${url}\nYou are receiving this because your review was requested.`;
      addMessage(ctx, {
        id: `codehub-${pr.n}-${i + 1}`,
        from: { ...hub, name: m.who.name },
        replyTo: {
          name: `${REPO}`,
          email: `reply+${rng.hex(24)}@reply.codehub.example.com`,
          tz: "UTC",
        },
        to: [{ name: REPO, email: `hatter@noreply.codehub.example.com`, tz: "UTC" }],
        cc: [
          {
            name: "Review requested",
            email: `review_requested@noreply.codehub.example.com`,
            tz: "UTC",
          },
        ],
        subject: i === 0 ? subject : `Re: ${subject}`,
        date,
        messageId:
          i === 0
            ? threadId
            : `<${REPO}/pull/${pr.n}/c${2_000_000 + pr.n * 10 + i}@codehub.example.com>`,
        inReplyTo: i === 0 ? undefined : threadId,
        references: i === 0 ? undefined : [threadId],
        extra: [
          ["X-CodeHub-Reason", m.reason],
          ["X-CodeHub-Sender", m.who.email.split("@")[0] ?? ""],
        ],
        list: {
          id: `${REPO} <hatter.lookingglass.codehub.example.com>`,
          unsubscribe: `<https://codehub.example.com/notifications/unsubscribe/${rng.hex(20)}>`,
        },
        body: multipart("alternative", [
          textPart(`${m.text}${footer}\n`),
          textPart(
            `<p>${m.text}</p>\n<p style="font-size:small;color:#666;">&mdash;<br>Reply to this email directly, <a href="${url}">view it on CodeHub</a>.<br>You are receiving this because your review was requested.<img src="https://codehub.example.com/notifications/beacon/${rng.hex(16)}.gif" height="1" width="1" alt=""></p>\n`,
            { subtype: "html" },
          ),
        ]),
      });
    });
  });

  for (let n = 1; n <= 10; n++) {
    const failed = n % 3 === 1;
    const build = 4830 - n * 7;
    const sha = rng.hex(7);
    addMessage(ctx, {
      id: `ci-${n}`,
      from: SERVICES.ci,
      to: [me],
      subject: `${failed ? "❌ Build failed" : "✅ Build passed"}: hatter main #${build} (${sha})`,
      date: clock.at(clock.recentDays(60), rng.int(8, 19), rng.int(0, 59), "UTC"),
      flags: failed && n < 3 ? [] : ["\\Seen"],
      body: textPart(
        `Build #${build} of hatter (main) ${failed ? "FAILED" : "passed"} in ${rng.int(4, 11)}m ${rng.int(0, 59)}s.\n\nCommit ${sha} by ${rng.pick(["Tomás Ortega", "Bob Builder", "Mei Chen", "Dave Lister"])}\n${failed ? `\nFailed step: test:integration\n\n  FAIL  lib/cache/key.test.ts > cache key > ignores request ids\n    AssertionError: expected 'eu:7f3a:req-91c2' to equal 'eu:7f3a'\n` : ""}\nDetails: https://ci.example.com/lookingglass/hatter/builds/${build}\n`,
      ),
    });
  }

  const meetings = [
    "1:1 with Carol",
    "Product sync",
    "Design review",
    "Sprint planning",
    "Customer call: Contoso",
    "Hiring panel",
    "All hands",
    "1:1 with Jonas",
  ];
  meetings.forEach((title, i) => {
    const sent = clock.atWorkday(i * 6 + 1, 8, 45, me.tz);
    addMessage(ctx, {
      id: `reminder-${i + 1}`,
      from: SERVICES.calendar,
      to: [me],
      subject: `Reminder: ${title} @ ${new Intl.DateTimeFormat("en-GB", { weekday: "short", hour: "2-digit", minute: "2-digit", timeZone: me.tz }).format(new Date(sent.getTime() + 75 * 60_000))}`,
      date: sent,
      flags: ["\\Seen"],
      body: textPart(
        `${title}\nStarts in 1 hour 15 minutes.\n\nJoin: https://meet.example.test/${rng.hex(3)}-${rng.hex(4)}-${rng.hex(3)}\n`,
      ),
    });
  });

  for (let n = 1; n <= 6; n++) {
    const month = new Intl.DateTimeFormat("en-GB", {
      month: "long",
      timeZone: "Europe/London",
    }).format(new Date(clock.now.getTime() - n * 30 * 86_400_000));
    addMessage(ctx, {
      id: `bank-${n}`,
      mailbox: n > 2 ? "Receipts" : "INBOX",
      from: SERVICES.bank,
      to: [me],
      subject: `Your ${month} statement is ready`,
      date: clock.at(n * 30 - 27, 6, 0, "Europe/London"),
      flags: ["\\Seen"],
      body: textPart(
        `<!DOCTYPE html><html><body style="font-family:Arial,sans-serif;background:#f4f6f8;padding:20px"><table width="560" style="background:#fff;padding:24px;border-top:4px solid #00796b"><tr><td><h2 style="color:#00796b">Your ${month} statement is ready</h2><p>Dear Ms Liddell,</p><p>Your statement for the account ending <b>4471</b> is now available in online banking.</p><p><a href="https://lumenbank.example.com/statements" style="background:#00796b;color:#fff;padding:10px 18px;text-decoration:none;border-radius:3px">View statement</a></p><p style="font-size:12px;color:#777">Lumen Bank will never ask for your password by email.</p></td></tr></table></body></html>\n`,
        { subtype: "html" },
      ),
    });
  }

  const orders = [
    { order: "CW-58813", item: "3 books from Cartwheel Books", daysAgo: 2 },
    { order: "GL-10442", item: "a garden hose reel", daysAgo: 24 },
    { order: "NB-77120", item: "a mechanical keyboard", daysAgo: 52 },
  ];
  for (const o of orders) {
    const steps = [
      "Your parcel is on its way",
      "Your parcel is out for delivery today",
      "Delivered: your parcel is in your safe place",
    ];
    let date = clock.at(o.daysAgo + 2, 9, rng.int(0, 59), "Europe/London");
    steps.forEach((step, i) => {
      if (i > 0) date = clock.after(date, 600, 1500);
      addMessage(ctx, {
        id: `parcel-${o.order}-${i + 1}`,
        from: SERVICES.parcel,
        to: [me],
        subject: `${step} (${o.order})`,
        date,
        body: multipart("alternative", [
          textPart(
            `${step}.\n\nOrder ${o.order}: ${o.item}\nTracking number: PP${rng.int(100000000, 999999999)}GB\nTrack: https://parcelpoint.example.net/t/${o.order}\n`,
          ),
          textPart(
            `<div style="font-family:Arial,sans-serif;max-width:520px"><img src="https://images.example.com/parcelpoint/van.png" width="120" height="60" alt="ParcelPoint"><h2>${step}</h2><p>Order <b>${o.order}</b>: ${o.item}</p><p><a href="https://parcelpoint.example.net/t/${o.order}">Track your parcel</a></p></div>\n`,
            { subtype: "html" },
          ),
        ]),
      });
    });
  }

  for (let n = 1; n <= 4; n++) {
    const cls = ["Spin", "Yoga flow", "Bootcamp", "Pilates"][n - 1];
    addMessage(ctx, {
      id: `gym-${n}`,
      from: SERVICES.gym,
      to: [me],
      subject: `Booked: ${cls}, ${["Thursday 18:30", "Saturday 09:00", "Tuesday 07:00", "Sunday 10:15"][n - 1]}`,
      date: clock.at(n * 9 - 5, 12, rng.int(0, 59), "Europe/London"),
      flags: ["\\Seen"],
      body: textPart(
        `You're booked in! ${cls} with ${["Maya", "Leo", "Ade", "Kirsty"][n - 1]}.\nCancel up to 6 hours before the class: https://pulsefit.example.com/bookings\n`,
      ),
    });
  }

  const security = [
    {
      subject: "New sign-in to your Nimbus account",
      text: "We noticed a new sign-in to your Nimbus Cloud account.\n\nFirefox on Linux, London, United Kingdom\n\nIf this was you, you can ignore this message. If not, secure your account: https://nimbus.example.com/security\n",
    },
    {
      subject: "Your Nimbus API key was used from a new IP address",
      text: "API key ending 9f2c was used from 203.0.113.77 for the first time.\n\nManage keys: https://nimbus.example.com/keys\n",
    },
  ];
  security.forEach((s, i) => {
    addMessage(ctx, {
      id: `security-${i + 1}`,
      from: SERVICES.cloud,
      to: [me],
      subject: s.subject,
      date: clock.at(i * 19 + 6, 22, rng.int(0, 59), "America/Los_Angeles"),
      body: textPart(s.text),
    });
  });

  addMessage(ctx, {
    id: "password-reset",
    from: {
      name: "Riverside Library",
      email: "no-reply@library.example.org",
      tz: "Europe/London",
      client: "bulk",
    },
    to: [me],
    subject: "Reset your library account password",
    date: clock.at(40, 21, 4, "Europe/London"),
    flags: ["\\Seen"],
    body: textPart(
      `Someone asked to reset the password of your library account.\n\nReset it within 30 minutes: https://library.example.org/reset?token=${rng.hex(32)}\n\nIf you did not ask for this, ignore this email.\n`,
    ),
  });
}
