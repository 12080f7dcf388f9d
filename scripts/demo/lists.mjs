/**
 * Mailing-list digests the way Mailman sends them in MIME mode: multipart/mixed with a
 * masthead, the table of contents, a multipart/digest of the day's posts (whose parts default
 * to message/rfc822, RFC 2046 section 5.1.5, so they carry no Content-Type of their own) and a
 * footer.
 *
 * Stable ids: digest-1 (INBOX, most recent), digest-2 (Newsletters).
 */
import { addMessage } from "./compose.mjs";
import { rfc5322Date } from "./dates.mjs";
import { formatAddress } from "./encodings.mjs";
import { multipart, renderMessage, textPart } from "./mime-writer.mjs";
import { FRIENDS } from "./people.mjs";

/** @typedef {import("./compose.mjs").Context} Context */

const LIST = "bookclub@lists.example.org";
const POSTS = [
  {
    from: FRIENDS.soren,
    subject: "Piranesi: first impressions",
    text: "I'm a third in and still have no idea what is going on, which I think is the point.",
  },
  {
    from: FRIENDS.edith,
    subject: "Re: Piranesi: first impressions",
    text: "Keep going! The journal entries start to line up around the middle.",
  },
  {
    from: FRIENDS.jose,
    subject: "Snacks for Thursday",
    text: "I'll bring tortilla de patatas. Someone else do dessert, please.",
  },
  {
    from: FRIENDS.mum,
    subject: "Large-print copies",
    text: "The library has two large-print copies of Piranesi, if anyone needs one.",
  },
  {
    from: FRIENDS.soren,
    subject: "Next pick shortlist",
    text: "Nominations for the month after next are open until Sunday.",
  },
];

/**
 * @param {Context} ctx @param {number} n @param {string} mailbox @param {number} daysAgo
 * @param {typeof POSTS} posts
 */
function addDigest(ctx, n, mailbox, daysAgo, posts) {
  const date = ctx.clock.at(daysAgo, 12, 0, "Europe/London");
  const issue = 10 - n;
  const parts = posts.map((post, i) => {
    const posted = new Date(date.getTime() - (posts.length - i) * 2 * 3_600_000);
    const bytes = renderMessage(
      [
        ["Date", rfc5322Date(posted, post.from.tz)],
        ["From", formatAddress(post.from)],
        ["To", LIST],
        ["Subject", `[Riverside Books] ${post.subject}`],
        ["Message-ID", `<digest${n}.post${i}.${ctx.seed}@${post.from.email.split("@")[1]}>`],
      ],
      textPart(`${post.text}\n`),
      `${ctx.seed}/digest-${n}/post-${i}`,
    );
    // A part with an empty header block: the default type of multipart/digest applies.
    return /** @type {import("./mime-writer.mjs").Leaf} */ ({
      kind: "leaf",
      headers: [],
      body: bytes,
    });
  });
  const topics = posts.map((p, i) => `   ${i + 1}. ${p.subject} (${p.from.name})`).join("\n");
  addMessage(ctx, {
    id: `digest-${n}`,
    mailbox,
    from: {
      name: "Riverside Book Club",
      email: "bookclub-request@lists.example.org",
      tz: "Europe/London",
      client: "Mailman",
      relay: "lists.example.org",
      ip: "192.0.2.200",
    },
    to: [{ email: LIST, tz: "Europe/London" }],
    replyTo: { email: LIST, tz: "Europe/London" },
    subject: `Bookclub Digest, Vol 12, Issue ${issue}`,
    date,
    list: {
      id: "Riverside Book Club <bookclub.lists.example.org>",
      unsubscribe: "<mailto:bookclub-leave@lists.example.org>",
      archive: "<https://lists.example.org/bookclub/archive>",
    },
    body: multipart("mixed", [
      textPart(
        `Send Bookclub mailing list submissions to\n\t${LIST}\n\nTo subscribe or unsubscribe, send a message with subject or body 'help' to\n\tbookclub-request@lists.example.org\n\nWhen replying, please edit your Subject line so it is more specific than\n"Re: Contents of Bookclub digest..."\n`,
        { headers: [["Content-Description", `Bookclub Digest, Vol 12, Issue ${issue}`]] },
      ),
      textPart(`Today's Topics:\n\n${topics}\n`, {
        headers: [["Content-Description", `Today's Topics (${posts.length} messages)`]],
      }),
      multipart("digest", parts),
      textPart(
        "_______________________________________________\nBookclub mailing list\nbookclub@lists.example.org\nhttps://lists.example.org/bookclub\n",
        { headers: [["Content-Description", "Digest Footer"]] },
      ),
    ]),
  });
}

/** @param {Context} ctx */
export function addDigests(ctx) {
  addDigest(ctx, 1, "INBOX", 1, POSTS);
  addDigest(ctx, 2, "Newsletters", 9, [...POSTS].reverse().slice(0, 3));
}
