/**
 * What the people in the demo's conversations say. `from`/`to`/`cc` name people of
 * people.mjs ("me" is the mailbox owner); `gap` is the [min, max] minutes since the previous
 * message; `to` defaults to the previous sender.
 */

/**
 * @typedef {{ from: string, to?: string[], cc?: string[], gap?: [number, number], text: string,
 *   attach?: string[] }} ThreadMessage
 * @typedef {{ key: string, mailbox: string, subject: string, daysAgo: number, hour: number,
 *   prefix?: string, unreadLast?: boolean, list?: { id: string, unsubscribe: string, archive?: string },
 *   messages: ThreadMessage[] }} Thread
 */

/** @type {Thread[]} */
export const THREADS = [
  {
    key: "incident",
    mailbox: "INBOX",
    subject: "Dashboard latency spike (INC-2317)",
    daysAgo: 2,
    hour: 8,
    unreadLast: true,
    messages: [
      {
        from: "dave",
        to: ["me", "mei", "tomas"],
        text: "Morning all,\n\nSince about 07:40 the Hatter dashboards are taking 8-12 s to load for EU customers (p95 was 900 ms yesterday). Query times on the warehouse look normal, so I suspect the new caching layer.\n\nI've opened INC-2317 and I'm on it. Mei, can you check whether the US region shows the same?\n\nDave",
      },
      {
        from: "mei",
        to: ["dave"],
        cc: ["me", "tomas"],
        gap: [12, 40],
        text: "US looks fine: p95 at 1.1 s, no change overnight. The cache hit ratio in eu-west dropped from 94% to 11% at 07:38 though.",
      },
      {
        from: "tomas",
        to: ["dave", "mei"],
        cc: ["me"],
        gap: [5, 25],
        text: "That lines up with the config deploy at 07:35 - the cache key now includes the request id by mistake, so every request misses. I can roll it back in five minutes.",
      },
      {
        from: "me",
        to: ["tomas", "dave", "mei"],
        gap: [3, 10],
        text: "Please do roll back, Tomás. I'll let the support team know we have a cause and a fix in progress.\n\nDave, can you post an update on the status page?",
      },
      {
        from: "dave",
        to: ["me", "tomas", "mei"],
        gap: [4, 15],
        text: 'Status page updated: "Degraded performance for EU dashboards, fix being deployed".',
      },
      {
        from: "tomas",
        to: ["me", "dave", "mei"],
        gap: [6, 20],
        text: "Rolled back. Hit ratio is climbing again (63% and rising), p95 down to 1.4 s.",
      },
      {
        from: "me",
        to: ["tomas", "dave", "mei"],
        gap: [10, 30],
        text: "Great work, thank you all. Let's do a short postmortem on Friday - I'll send an invite. Tomás, could you add a test that fails when the cache key changes shape?",
      },
      {
        from: "dave",
        to: ["me", "tomas", "mei"],
        gap: [30, 90],
        text: "Everything back to normal for 40 minutes now, closing INC-2317. Timeline and graphs are in the incident doc for Friday.\n\nDave",
      },
    ],
  },
  {
    key: "roadmap",
    mailbox: "INBOX",
    subject: "Q3 roadmap review",
    daysAgo: 12,
    hour: 9,
    messages: [
      {
        from: "carol",
        to: ["me", "bob", "priya"],
        text: "Hi all,\n\nAhead of Thursday's review I've put the draft Q3 roadmap in the shared drive (Roadmap/2025-Q3 draft v3). Three things I'd like us to settle:\n\n1. Do we ship the export API before or after the new onboarding flow?\n2. How much of Bob's team goes to the data-retention work?\n3. Which two customer requests from Priya's list make the cut?\n\nComments inline in the doc are welcome too.\n\nCarol",
      },
      {
        from: "bob",
        to: ["carol"],
        cc: ["me", "priya"],
        gap: [40, 180],
        text: "On 2: retention needs two people for about six weeks, mostly migration scripts and a lot of testing. If the export API goes first, onboarding slips to late August at the earliest.",
      },
      {
        from: "me",
        to: ["carol", "bob", "priya"],
        gap: [30, 120],
        text: "My proposal: export API first. Fabrikam and Contoso both made it a condition for renewal, and it unblocks the partner integrations. Onboarding can start in parallel with one designer while Bob's team finishes retention.\n\nPriya, which requests come up most often?",
      },
      {
        from: "priya",
        to: ["me"],
        cc: ["carol", "bob"],
        gap: [60, 240],
        text: "From the last 90 days of tickets: scheduled PDF reports (41 requests), SSO with Azure AD (33), then dark mode (19, but mostly from one customer). I'd pick the first two.",
      },
      {
        from: "carol",
        to: ["me", "bob", "priya"],
        gap: [60, 300],
        text: "Thanks all. Summary for Thursday:\n\n- Export API first, target end of July\n- Retention: two engineers, six weeks\n- Customer requests: scheduled reports and SSO\n- Onboarding: design starts now, build in September\n\nShout if I got anything wrong.",
      },
      {
        from: "me",
        to: ["carol"],
        cc: ["bob", "priya"],
        gap: [20, 90],
        text: "Looks right to me. I'll update the deck with these four lines before Thursday.",
      },
    ],
  },
  {
    key: "fabrikam",
    mailbox: "INBOX",
    subject: "Fabrikam renewal: pricing questions",
    daysAgo: 20,
    hour: 15,
    messages: [
      {
        from: "fabrikam",
        to: ["me"],
        cc: ["jonas"],
        text: "Hello Alice,\n\nOur renewal comes up at the end of next month. Before I take it to procurement I need two things from you:\n\n- a quote for 250 seats on a 36-month term, and\n- confirmation that the export API will be included.\n\nBest regards,\nGrace Hopper-Stone\nHead of Data Platforms, Fabrikam",
      },
      {
        from: "me",
        to: ["fabrikam"],
        cc: ["jonas"],
        gap: [120, 600],
        attach: ["fabrikam-quote"],
        text: "Hello Grace,\n\nThank you for the heads-up. The quote is attached: 250 seats for 36 months with the export API add-on and our multi-year discount. The export API is planned for the end of July, well before your renewal date.\n\nJonas can walk your procurement team through the contract terms.\n\nKind regards,\nAlice",
      },
      {
        from: "fabrikam",
        to: ["me"],
        cc: ["jonas"],
        gap: [300, 1400],
        text: "Thanks Alice, very clear. One question from procurement: is the multi-year discount also available if we pay quarterly instead of annually?",
      },
      {
        from: "jonas",
        to: ["fabrikam"],
        cc: ["me"],
        gap: [60, 240],
        text: "Hi Grace,\n\nYes - quarterly payment keeps the discount, with a 2% surcharge. I'll send the updated order form tomorrow.\n\nBest,\nJonas Becker\nAccount Executive",
      },
      {
        from: "fabrikam",
        to: ["jonas"],
        cc: ["me"],
        gap: [600, 2000],
        text: "Perfect, thank you both. We will sign with quarterly payments.",
      },
    ],
  },
  {
    key: "lunch",
    mailbox: "INBOX",
    subject: "Lunch on Friday?",
    daysAgo: 1,
    hour: 11,
    messages: [
      {
        from: "sam",
        to: ["me", "lorina"],
        text: "Hey you two!\n\nI'm in London on Friday for a conference. Lunch? The Ethiopian place near Borough Market is still there I think 🍲",
      },
      {
        from: "lorina",
        to: ["sam", "me"],
        gap: [20, 90],
        text: "Yes!! I can do 12:30. Alice?",
      },
      {
        from: "me",
        to: ["sam", "lorina"],
        gap: [30, 120],
        text: "Count me in - 12:30 works. I'll book a table for three.",
      },
      {
        from: "sam",
        to: ["me", "lorina"],
        gap: [15, 60],
        text: "Amazing. See you Friday! 🎉",
      },
    ],
  },
  {
    key: "flat",
    mailbox: "INBOX",
    subject: "Flat viewing on Saturday",
    daysAgo: 6,
    hour: 18,
    messages: [
      {
        from: "mum",
        to: ["me"],
        text: "Hello darling,\n\nDad and I are going to see the flat in Headington on Saturday at 11. Would you like to come along? You always spot the things we miss.\n\nLove, Mum",
      },
      {
        from: "me",
        to: ["mum"],
        gap: [60, 300],
        text: "Hi Mum,\n\nI'd love to. I'll take the 9:30 train and meet you there. Could you send me the address?\n\nAlice x",
      },
      {
        from: "mum",
        to: ["me"],
        gap: [20, 120],
        text: "Wonderful! It's 14 Old Road, second floor. We'll wait for you at the café on the corner.\n\nMum x",
      },
    ],
  },
  {
    key: "bookclub",
    mailbox: "INBOX",
    subject: "[Riverside Books] Next month's pick",
    daysAgo: 30,
    hour: 20,
    list: {
      id: "Riverside Book Club <bookclub.lists.example.org>",
      unsubscribe:
        "<mailto:bookclub-leave@lists.example.org>, <https://lists.example.org/bookclub/unsubscribe>",
      archive: "<https://lists.example.org/bookclub/archive>",
    },
    messages: [
      {
        from: "soren",
        to: ["book"],
        text: "Hi everyone,\n\nThree candidates for next month, vote by Sunday:\n\n  a) The Left Hand of Darkness\n  b) Piranesi\n  c) A Gentleman in Moscow\n\nSøren",
      },
      {
        from: "edith",
        to: ["book"],
        gap: [60, 400],
        text: "b) please! It's short enough for a busy month.",
      },
      {
        from: "jose",
        to: ["book"],
        gap: [60, 600],
        text: "Voto por b) también. ¡Hasta el jueves!",
      },
      {
        from: "soren",
        to: ["book"],
        gap: [600, 1800],
        text: "Piranesi it is. We meet on the 14th at the library, 7 pm.",
      },
    ],
  },
  {
    key: "photos",
    mailbox: "INBOX",
    subject: "Wedding photos 📸",
    prefix: "Re: ",
    daysAgo: 45,
    hour: 21,
    messages: [
      {
        from: "lorina",
        to: ["me"],
        text: "The photographer finally sent the gallery! Link: https://photos.example.net/g/lorina-and-kit\n\nPassword is the date, you know the one 💍",
      },
      {
        from: "me",
        to: ["lorina"],
        gap: [30, 240],
        text: "They are gorgeous! The one of Grandma dancing made me cry 😭❤️",
      },
      {
        from: "lorina",
        to: ["me"],
        gap: [60, 600],
        text: "Right?! I'm getting that one framed for her birthday.",
      },
    ],
  },
  {
    key: "talk",
    mailbox: "INBOX",
    subject: "Talk proposal for DataCamp Sydney",
    daysAgo: 60,
    hour: 9,
    messages: [
      {
        from: "tailspin",
        to: ["me"],
        text: "Hi Alice,\n\nI'm on the programme committee for DataCamp Sydney in November. We'd love a talk from you on how you built the Hatter query cache - 30 minutes, remote is fine.\n\nCheers,\nOlivia",
      },
      {
        from: "me",
        to: ["tailspin"],
        gap: [400, 900],
        text: 'Hi Olivia,\n\nThank you, I\'d be glad to. Working title: "Caching analytical queries without lying to your users". Remote would suit me best given the time difference.',
      },
      {
        from: "tailspin",
        to: ["me"],
        gap: [500, 1200],
        text: "Love the title. You're in - slot is Thursday 10:30 AEDT, which I believe is 23:30 for you the night before. Sorry!",
      },
      {
        from: "me",
        to: ["tailspin"],
        gap: [300, 900],
        text: "Ha, that's fine - coffee will help. Looking forward to it.",
      },
    ],
  },
  {
    key: "contract",
    mailbox: "Work",
    subject: "Contract amendment - data processing addendum",
    daysAgo: 75,
    hour: 14,
    messages: [
      {
        from: "lawyer",
        to: ["me"],
        cc: ["jonas"],
        text: "Dear Ms. Liddell,\n\nFurther to our call, please find below the two changes to the data processing addendum we propose:\n\n(a) clause 7.2: sub-processor notice period of 30 days instead of 14;\n(b) clause 9.1: audit rights limited to once per calendar year.\n\nKind regards,\nEleanor Vance",
      },
      {
        from: "me",
        to: ["lawyer"],
        cc: ["jonas"],
        gap: [600, 1500],
        text: "Dear Ms. Vance,\n\nBoth changes are acceptable to us. Jonas will send the countersigned addendum this week.\n\nBest regards,\nAlice Liddell",
      },
      {
        from: "lawyer",
        to: ["me"],
        cc: ["jonas"],
        gap: [1200, 2800],
        text: "Thank you. Received and filed.\n\nE. Vance",
      },
    ],
  },
  {
    key: "beta",
    mailbox: "Work/Projects",
    subject: "Hatter v2 beta: feedback round",
    daysAgo: 25,
    hour: 10,
    messages: [
      {
        from: "jonas",
        to: ["me", "tomas"],
        text: "Hi both,\n\nFive beta customers sent feedback on v2 so far. The top complaint is that saved filters disappear after a deploy; second is the new colour palette in charts (too low contrast).",
      },
      {
        from: "tomas",
        to: ["jonas"],
        cc: ["me"],
        gap: [30, 200],
        text: "The filters bug is mine - they live in local storage under a versioned key. Fix is in review.",
      },
      {
        from: "me",
        to: ["jonas", "tomas"],
        gap: [30, 200],
        text: "Thanks. For the palette: let's go back to the v1 colours for the beta and run the new ones through a contrast check first.",
      },
      {
        from: "jonas",
        to: ["me", "tomas"],
        gap: [100, 500],
        text: "Sounds good, I'll tell the customers in Thursday's beta update.",
      },
    ],
  },
];
