/**
 * The demo mailbox: a few hundred realistic messages, generated deterministically (same seed
 * and same "now" → same bytes), and seeded into a stack user in one go.
 *
 *   import { demoMessages, seedDemoMailbox } from "./scripts/demo/mailbox.mjs";
 *   await seedDemoMailbox("carol@example.test");            // replaces carol's mailbox
 *   const all = demoMessages({ seed: DEMO_SEED });           // the same set, as bytes
 *
 * Well-known messages (stable ids and subjects, for end-to-end tests) — see WELL_KNOWN below.
 * Every message's id is stable across runs and seeds; its Message-ID is stable per seed.
 */
import { createClock } from "./dates.mjs";
import { addDelivery } from "./delivery.mjs";
import { addEveryday } from "./everyday.mjs";
import { addFeatured } from "./featured.mjs";
import { addFolders } from "./folders.mjs";
import { addInternational } from "./international.mjs";
import { addDigests } from "./lists.mjs";
import { addNewsletters } from "./newsletters.mjs";
import { addNotifications } from "./notifications.mjs";
import { owner } from "./people.mjs";
import { createRandom } from "./random.mjs";
import { REAL_WORLD_FOLDER, realWorldSamples } from "./real-world.mjs";
import { addThreads } from "./threads.mjs";

export { hasRealWorldCorpus, REAL_WORLD_FILES, REAL_WORLD_FOLDER } from "./real-world.mjs";

export const DEMO_SEED = 1865; // the year Alice first went down the rabbit hole
export const DEMO_LOGIN = "alice@example.test";

/**
 * Messages end-to-end tests can rely on, by id. `demoMessages()` gives each one's subject and
 * Message-ID: ids never change, Message-IDs and most subjects are fixed per seed, and a few
 * subjects name a date relative to "now" (the invitation's). All in INBOX but the draft.
 */
export const WELL_KNOWN = /** @type {const} */ ({
  /** HTML newsletter (multipart/alternative) with remote images and a tracking pixel. */
  remoteImages: "newsletter-morningbyte-1",
  /** "Q3 dashboard and report" — multipart/mixed with a PNG and a PDF attachment. */
  pngAndPdf: "attachments-png-pdf",
  /** "Fwd: Offsite venue confirmation" — a forwarded message as message/rfc822. */
  forwarded: "forwarded-rfc822",
  /** "Undelivered Mail Returned to Sender" — multipart/report, Status 5.1.1, original attached. */
  bounce: "bounce-failed",
  /** "Delayed Mail (still being retried)" — a delayed-delivery DSN (Action: delayed). */
  delayed: "bounce-delayed",
  /** "Signed contract attached" — 6 Received hops with a slow one, Authentication-Results. */
  longRoute: "long-route",
  /** multipart/related HTML with an inline cid: image. */
  inlineImage: "inline-image",
  /** text/calendar invitation (METHOD:REQUEST) plus invite.ics. */
  invitation: "calendar-invite",
  /** The ~2 MB attachment (audio/wav). */
  largeAttachment: "large-attachment",
  /** multipart/digest of a mailing list. */
  digest: "digest-1",
  /** An 8-message thread, thread-incident-1 … thread-incident-8 (Alice's replies are in Sent). */
  thread: "thread-incident-1",
  /** Legacy-charset samples: international-<key> for every key of charset-samples.mjs. */
  koi8r: "international-koi8r",
  /** The draft in Drafts (\Draft). */
  draft: "draft-1",
});

/** Every mailbox the demo fills ("/" is the stack's hierarchy separator, dovecot-conf.mjs). */
export const DEMO_FOLDERS = [
  "INBOX",
  "Work",
  "Work/Projects",
  "Receipts",
  "Newsletters",
  "Travel",
  "Sent",
  "Archive",
  "Junk",
  "Drafts",
  "Trash",
];

/**
 * The demo set, in delivery order (oldest first within each mailbox).
 * @param {{ seed?: number, now?: Date, login?: string }} [options] `now` defaults to the current
 *   minute; `login` is whose mailbox it is (the "me" of every message)
 * @returns {import("./compose.mjs").DemoMessage[]}
 */
export function demoMessages(options = {}) {
  const seed = options.seed ?? DEMO_SEED;
  const now = options.now ?? new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const rng = createRandom(seed);
  /** @type {import("./compose.mjs").Context} */
  const ctx = {
    seed,
    rng,
    clock: createClock(now, rng),
    me: owner(options.login ?? DEMO_LOGIN),
    messages: [],
  };
  addThreads(ctx);
  addNewsletters(ctx);
  addFeatured(ctx);
  addDelivery(ctx);
  addInternational(ctx);
  addNotifications(ctx);
  addEveryday(ctx);
  addDigests(ctx);
  addFolders(ctx);
  return [...ctx.messages].sort((a, b) => a.internalDate.getTime() - b.internalDate.getTime());
}

/**
 * Replaces `login`'s mail with the demo set (and, when ../shared/corpus/public exists, a few
 * real-world messages in "Real-world samples"). The stack must be running.
 * @param {string} [login]
 * @param {{ seed?: number, now?: Date, realWorld?: boolean }} [options]
 * @returns {Promise<{ counts: Record<string, number>, elapsedMs: number }>}
 */
export async function seedDemoMailbox(login = DEMO_LOGIN, options = {}) {
  const began = Date.now();
  const stack = await import("../mailstack/stack.mjs");
  stack.resetUser(login);
  const messages = demoMessages({ ...options, login });
  /** @type {Map<string, { bytes: Buffer, flags: string[], internalDate: Date }[]>} */
  const byMailbox = new Map(DEMO_FOLDERS.map((f) => [f, []]));
  for (const m of messages) {
    const list = byMailbox.get(m.mailbox);
    if (!list) throw new Error(`demo message ${m.id} is in ${m.mailbox}, not one of DEMO_FOLDERS`);
    list.push({ bytes: m.bytes, flags: m.flags, internalDate: m.internalDate });
  }
  if (options.realWorld ?? true) {
    const samples = realWorldSamples();
    if (samples.length > 0) byMailbox.set(REAL_WORLD_FOLDER, samples);
  }
  /** @type {Record<string, number>} */
  const counts = {};
  for (const [mailbox, list] of byMailbox) {
    await stack.deliverMany(login, mailbox, list);
    counts[mailbox] = list.length;
  }
  return { counts, elapsedMs: Date.now() - began };
}

/**
 * Does `login`'s mailbox hold exactly the demo set (same message count in every demo mailbox,
 * and the well-known bounce of this seed in INBOX)? Lets `npm run demo -- --keep` skip seeding.
 * @param {string} login @param {import("./compose.mjs").DemoMessage[]} messages
 */
export async function isDemoSeeded(login, messages) {
  const stack = await import("../mailstack/stack.mjs");
  /** @type {Map<string, number>} */
  const expected = new Map(DEMO_FOLDERS.map((f) => [f, 0]));
  for (const m of messages) expected.set(m.mailbox, (expected.get(m.mailbox) ?? 0) + 1);
  const samples = realWorldSamples().length;
  if (samples > 0) expected.set(REAL_WORLD_FOLDER, samples);
  const status = stack.doveadm(["-f", "tab", "mailbox", "status", "-u", login, "messages", "*"]);
  const actual = new Map(
    status
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => {
        const [mailbox = "", count = "0"] = line.split("\t");
        return [mailbox, Number(count)];
      }),
  );
  for (const [mailbox, count] of expected) if (actual.get(mailbox) !== count) return false;
  const bounce = messages.find((m) => m.id === WELL_KNOWN.bounce);
  if (!bounce) return false;
  const found = stack.doveadm([
    "-f",
    "tab",
    "search",
    "-u",
    login,
    "mailbox",
    "INBOX",
    "header",
    "Message-ID",
    bounce.messageId,
  ]);
  return found.trim().split("\n").length > 1;
}
