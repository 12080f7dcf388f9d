/**
 * The bulk of an ordinary mailbox: one-off work and personal messages from templates, spread
 * over six months (denser lately), in office hours or evenings in each sender's zone. Older
 * ones have been filed by Alice into Work, Work/Projects or Archive.
 *
 * Ids: work-<n>, personal-<n> (stable per seed; not meant for tests to pick by content).
 */
import { addMessage, greeting, prose } from "./compose.mjs";
import { COLLEAGUES, FRIENDS, PARTNERS } from "./people.mjs";

/** @typedef {import("./compose.mjs").Context} Context */
/** @typedef {import("./people.mjs").Person} Person */
/** @typedef {(t: { r: import("./random.mjs").Random, to: Person, n: number }) => { subject: string, text: string, project?: boolean }} Template */

const CUSTOMERS = [
  "Fabrikam",
  "Contoso",
  "Tailspin Toys",
  "Wingtip",
  "Northwind Traders",
  "Adventure Works",
  "Litware",
  "Proseware",
];
const DOCS = [
  "export API",
  "onboarding flow",
  "data retention",
  "pricing page",
  "SSO rollout",
  "query cache",
];
const PEOPLE = [
  "Amara Singh",
  "Lukas Novak",
  "Chloe Martin",
  "Kwame Mensah",
  "Ingrid Berg",
  "Mateo Rossi",
];
const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

/** @type {[keyof typeof COLLEAGUES, Template][]} */
const WORK = [
  [
    "priya",
    ({ r, to, n }) => ({
      subject: `Weekly metrics - week ${40 - (n % 26)}`,
      text: `${greeting(to, n)}\n\nThis week's numbers:\n\n  Weekly active users   ${r.int(44, 52)},${r.int(100, 999)}  (${r.pick(["+", "-"])}${r.int(1, 4)}.${r.int(0, 9)}%)\n  New trials            ${r.int(80, 160)}\n  Trial -> paid         ${r.int(14, 22)}%\n  Support tickets       ${r.int(60, 140)}\n\nNothing alarming; the dip on Tuesday was the EU incident.\n\nPriya`,
    }),
  ],
  [
    "tomas",
    ({ r, to, n }) => ({
      subject: `Can you review the ${r.pick(DOCS)} design doc?`,
      text: `${greeting(to, n)}\n\nI'd like to start building next week. The open question is in section 4 - whether we keep one queue per customer or share one.\n\nNo rush before ${r.pick(DAYS)}.\n\nTomás`,
      project: true,
    }),
  ],
  [
    "jonas",
    ({ r, to, n }) => ({
      subject: `Quick question about ${r.pick(CUSTOMERS)}`,
      text: `${greeting(to, n)}\n\nThey asked whether audit logs can be kept for two years instead of one. Is that on the roadmap, or should I say no for now?\n\nJonas`,
    }),
  ],
  [
    "hr",
    ({ r, to, n }) => ({
      subject: `Interview feedback: ${r.pick(PEOPLE)} (Senior Engineer)`,
      text: `${greeting(to, n)}\n\nThanks for interviewing today. Please leave your feedback in the hiring tool by end of day tomorrow, before talking to the other panel members.\n\nPeople Team`,
    }),
  ],
  [
    "hr",
    ({ r, to, n }) => ({
      subject: `Expense report #${r.int(2000, 2999)} approved`,
      text: `${greeting(to, n)}\n\nYour expense report (£${r.int(20, 480)}.${r.int(10, 99)}) was approved and will be paid with the next payroll.\n\nPeople Team`,
    }),
  ],
  [
    "hr",
    ({ r }) => ({
      subject: `Office closed on ${r.pick(DAYS)} for maintenance`,
      text: `Hello everyone,\n\nThe office will be closed on ${r.pick(DAYS)} while the building replaces the lifts. Please work from home.\n\nPeople Team`,
    }),
  ],
  [
    "jonas",
    ({ r, to, n }) => ({
      subject: `${r.pick(CUSTOMERS)} call notes`,
      text: `${greeting(to, n)}\n\nNotes from today's call:\n\n- happy with the new dashboards\n- want scheduled reports in their own timezone\n- renewal conversation in ${r.int(2, 5)} months\n\nJonas`,
    }),
  ],
  [
    "dave",
    ({ to, n }) => ({
      subject: "Pairing on the migration tomorrow?",
      text: `${greeting(to, n)}\n\nWould you have an hour tomorrow morning to go through the retention migration with me? Mostly to agree on what we do with orphaned rows.\n\nDave`,
      project: true,
    }),
  ],
  [
    "mei",
    ({ r, to, n }) => ({
      subject: `Draft blog post: ${r.pick(["five dashboards we love", "designing for dark mode", "charts that don't lie", "our new logo"])}`,
      text: `${greeting(to, n)}\n\nDraft is in the shared folder. Could you check the product claims before Marketing sees it?\n\nMei`,
    }),
  ],
  [
    "carol",
    ({ r, to, n }) => ({
      subject: `Budget for Q${r.int(1, 4)}`,
      text: `${greeting(to, n)}\n\nFinance wants team budgets by the end of the month. Yours was £${r.int(40, 90)}k last quarter; let me know if you need more for contractors.\n\nCarol`,
    }),
  ],
  [
    "hr",
    ({ r }) => ({
      subject: `Welcome ${r.pick(PEOPLE)} to the team!`,
      text: `Hello everyone,\n\nPlease join us in welcoming our newest colleague, who starts on ${r.pick(DAYS)} in the data platform team. Say hi in the kitchen!\n\nPeople Team`,
    }),
  ],
  [
    "it",
    ({ r, to, n }) => ({
      subject: "Your laptop is due for a refresh",
      text: `${greeting(to, n)}\n\nYour laptop is ${r.int(3, 4)} years old. Book a 30-minute slot to swap it: https://it.example.test/refresh\n\nIT Helpdesk`,
    }),
  ],
  [
    "dave",
    ({ r, to, n }) => ({
      subject: `Release notes for Hatter 2.${r.int(3, 9)}`,
      text: `${greeting(to, n)}\n\nRelease goes out ${r.pick(DAYS)}. Notes:\n\n* faster dashboards\n* saved filters fixed\n* ${r.int(8, 25)} smaller bug fixes\n\nShout if anything is missing.\n\nDave`,
      project: true,
    }),
  ],
  [
    "it",
    ({ to, n }) => ({
      subject: "Reminder: security training due this month",
      text: `${greeting(to, n)}\n\nThe yearly security awareness training (25 minutes) is due by the end of the month: https://learn.example.test/security-2025\n\nIT Helpdesk`,
    }),
  ],
  [
    "jonas",
    ({ r, to, n }) => ({
      subject: `Customer escalation: ${r.pick(CUSTOMERS)}`,
      text: `${greeting(to, n)}\n\nTheir CFO is unhappy that exports time out for files over 1 GB. I promised an answer by ${r.pick(DAYS)} - can we talk today?\n\nJonas`,
    }),
  ],
  [
    "bob",
    ({ r, to, n }) => ({
      subject: "Coffee?",
      text: `${greeting(to, n)}\n\nCoffee at ${r.int(2, 4)}? I want to pick your brain about the ${r.pick(DOCS)} plan.\n\nBob`,
    }),
  ],
  [
    "tomas",
    ({ r, to, n }) => ({
      subject: `RFC: ${r.pick(["per-tenant rate limits", "moving CI to ARM runners", "structured logging", "feature flags cleanup"])}`,
      text: `${greeting(to, n)}\n\nRFC is ready for comments until ${r.pick(DAYS)}. The short version: less config, more defaults.\n\nTomás`,
      project: true,
    }),
  ],
  [
    "hr",
    ({ r, to, n }) => ({
      subject: "Holiday request approved",
      text: `${greeting(to, n)}\n\nYour holiday from the ${r.int(3, 12)}th to the ${r.int(14, 28)}th has been approved. Enjoy!\n\nPeople Team`,
    }),
  ],
  [
    "carol",
    ({ r }) => ({
      subject: "Slides from today's all hands",
      text: `Hi all,\n\nSlides are here: https://drive.example.test/all-hands/${r.hex(8)}\n\nThe recording will follow tomorrow.\n\nCarol`,
    }),
  ],
  [
    "priya",
    ({ r, to, n }) => ({
      subject: `Survey results: ${r.int(120, 400)} responses`,
      text: `${greeting(to, n)}\n\nTop themes from the customer survey: speed (good), exports (needs work), mobile (wanted). Full analysis on ${r.pick(DAYS)}.\n\nPriya`,
    }),
  ],
];

/** @type {[keyof typeof FRIENDS, Template][]} */
const PERSONAL = [
  [
    "mum",
    ({ r }) => ({
      subject: "Sunday lunch?",
      text: `Hello darling,\n\nAre you coming for lunch on Sunday? Dad is making his ${r.pick(["roast", "lasagne", "curry", "fish pie"])}.\n\nLove, Mum x`,
    }),
  ],
  [
    "mum",
    ({ r }) => ({
      subject: "The garden is blooming",
      text: `Hello love,\n\nThe ${r.pick(["roses", "sweet peas", "dahlias", "tulips"])} are out at last. Come and see them before they're over!\n\nMum x`,
    }),
  ],
  [
    "lorina",
    ({ r }) => ({
      subject: "Present idea for Kit",
      text: `Kit keeps talking about ${r.pick(["a pottery class", "a climbing day", "a bread-making course"])}. Want to go halves?\n\nL`,
    }),
  ],
  [
    "lorina",
    ({ r }) => ({
      subject: "Did you see this?!",
      text: `https://news.example.net/${r.hex(6)} - our old school is in the news 😂\n\nL`,
    }),
  ],
  [
    "sam",
    ({ r, to, n }) => ({
      subject: "Podcast recommendation",
      text: `${greeting(to, n)}\n\nYou have to listen to "${r.pick(["Deep Signals", "The Long Cut", "Small Data"])}", episode ${r.int(10, 80)}. Reminded me of your cache talk.\n\nSam`,
    }),
  ],
  [
    "edith",
    ({ r, to, n }) => ({
      subject: "Tokyo dates",
      text: `${greeting(to, n)}\n\nWe'll be in Tokyo from the ${r.int(2, 12)}th - any chance you can come over? The spare room is yours.\n\nEdith`,
    }),
  ],
  [
    "book",
    () => ({
      subject: "[Riverside Books] Reminder: Thursday 7 pm",
      text: "Hi everyone,\n\nA reminder that we meet on Thursday at 7 pm in the library's reading room. Bring snacks!\n\nRiverside Book Club",
    }),
  ],
  [
    "soren",
    ({ r }) => ({
      subject: "Board game night",
      text: `Hej Alice,\n\nBoard game night at mine on ${r.pick(DAYS)}? I finally bought ${r.pick(["Wingspan", "Azul", "Carcassonne", "Codenames"])}.\n\nSøren`,
    }),
  ],
  [
    "jose",
    ({ r }) => ({
      subject: "Fotos de la cena",
      text: `¡Hola Alice!\n\nTe mando el enlace con las fotos de la cena: https://photos.example.com/${r.hex(8)}\n\nUn abrazo,\nJosé`,
    }),
  ],
  [
    "mum",
    () => ({
      subject: "Did the parcel arrive?",
      text: "Hello darling,\n\nI posted the jumper on Tuesday. Has it arrived? Let me know if it doesn't fit.\n\nMum x",
    }),
  ],
];

/** Residents, landlord, dentist: people who write once. */
const ONE_OFF = [
  {
    from: {
      name: "Elm Road Residents",
      email: "committee@elmroad.example.org",
      tz: "Europe/London",
      client: "Thunderbird",
    },
    subject: "Bin collection changes from next month",
    text: "Dear residents,\n\nFrom next month, recycling is collected on Wednesdays instead of Fridays.\n\nThe Committee",
  },
  {
    from: {
      name: "Harbour Lettings",
      email: "maintenance@harbour-lettings.example.com",
      tz: "Europe/London",
      client: "Outlook",
    },
    subject: "Boiler service visit",
    text: "Dear Ms Liddell,\n\nOur engineer will service the boiler on Tuesday between 8 am and 12 pm. Please make sure someone is home.\n\nHarbour Lettings",
  },
  {
    from: {
      name: "Smile Dental",
      email: "appointments@smiledental.example.com",
      tz: "Europe/London",
      client: "bulk",
    },
    subject: "Appointment reminder",
    text: "Hello Alice,\n\nThis is a reminder of your check-up on Monday at 08:40 with Dr Patel.\n\nSmile Dental",
  },
];

/**
 * Where Alice has filed a message of this age: recent mail stays in INBOX.
 * @param {Context} ctx @param {number} daysAgo @param {boolean} work @param {boolean} project
 */
function folderFor(ctx, daysAgo, work, project) {
  if (daysAgo < 30) return "INBOX";
  const r = ctx.rng.next();
  if (work && project && r < 0.35) return "Work/Projects";
  if (work && r < 0.4) return "Work";
  if (r < (daysAgo > 90 ? 0.6 : 0.5)) return "Archive";
  return "INBOX";
}

/**
 * The template whose earlier uses are furthest in time from `daysAgo` (ties: at random), so
 * that "Sunday lunch?" does not arrive twice in one afternoon.
 * @template T @param {Context} ctx @param {T[]} templates @param {number} daysAgo
 * @param {Map<T, number[]>} uses when each template was used so far, in days ago
 * @returns {T}
 */
function pickSpread(ctx, templates, daysAgo, uses) {
  let best = /** @type {T[]} */ ([]);
  let bestDistance = -1;
  for (const t of templates) {
    const used = uses.get(t) ?? [];
    const distance = Math.min(Number.MAX_SAFE_INTEGER, ...used.map((d) => Math.abs(d - daysAgo)));
    if (distance > bestDistance) {
      best = [t];
      bestDistance = distance;
    } else if (distance === bestDistance) best.push(t);
  }
  const chosen = ctx.rng.pick(best);
  uses.set(chosen, [...(uses.get(chosen) ?? []), daysAgo]);
  return chosen;
}

/** @param {Context} ctx */
export function addEveryday(ctx) {
  const { clock, me, rng } = ctx;
  const workUses = new Map();
  const personalUses = new Map();
  for (let n = 1; n <= 110; n++) {
    const daysAgo = clock.recentDays(180);
    const [key, template] = pickSpread(ctx, WORK, daysAgo, workUses);
    const from = COLLEAGUES[key];
    const { subject, text, project } = template({ r: rng, to: me, n });
    addMessage(ctx, {
      id: `work-${n}`,
      mailbox: folderFor(ctx, daysAgo, true, project === true),
      from,
      to: [me],
      cc: rng.chance(0.3)
        ? [rng.pick(Object.values(COLLEAGUES).filter((c) => c !== from))]
        : undefined,
      subject,
      date: clock.atWorkday(daysAgo, rng.int(8, 17), rng.int(0, 59), from.tz),
      body: prose(from, text).body,
    });
  }
  for (let n = 1; n <= 40; n++) {
    const daysAgo = clock.recentDays(180);
    const [key, template] = pickSpread(ctx, PERSONAL, daysAgo, personalUses);
    const from = FRIENDS[key];
    const { subject, text } = template({ r: rng, to: me, n });
    addMessage(ctx, {
      id: `personal-${n}`,
      mailbox: folderFor(ctx, daysAgo, false, false),
      from,
      to: [me],
      subject,
      date: clock.at(daysAgo, rng.pick([7, 12, 18, 19, 20, 21, 22]), rng.int(0, 59), from.tz),
      body: prose(from, text).body,
    });
  }
  ONE_OFF.forEach((o, i) => {
    addMessage(ctx, {
      id: `oneoff-${i + 1}`,
      from: o.from,
      to: [me],
      subject: o.subject,
      date: clock.at(i * 23 + 12, 9, rng.int(0, 59), o.from.tz),
      body: prose(o.from, o.text).body,
    });
  });
  // A partner who writes to several people at once, with Cc.
  addMessage(ctx, {
    id: "partner-cc",
    from: PARTNERS.contoso,
    to: [me, COLLEAGUES.jonas],
    cc: [COLLEAGUES.priya, PARTNERS.lawyer],
    subject: "Contoso: SSO go-live date",
    date: clock.atWorkday(6, 15, 30, PARTNERS.contoso.tz),
    body: prose(
      PARTNERS.contoso,
      "Hello all,\n\nOur identity team can switch on SSO on the 20th. Could you confirm that works on your side, and copy Ms Vance on the DPA update?\n\nRegards,\nRahul Mehta",
    ).body,
  });
}
