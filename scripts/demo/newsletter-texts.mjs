/**
 * Stories the demo's newsletters pick from (fictional news, tips and books).
 * `slug` names the remote image and link of each story.
 */

/** @typedef {{ slug: string, title: string, blurb: string }} Story */

/** @type {Story[]} */
export const TECH_STORIES = [
  {
    slug: "quantum-sort",
    title: "A quantum sorting result that is (mostly) classical after all",
    blurb:
      "Researchers show the speed-up disappears once you count the cost of reading the answer.",
  },
  {
    slug: "rust-kernel",
    title: "More kernel drivers move to Rust",
    blurb:
      "Three storage drivers land this cycle, with fewer than half the lines of their C predecessors.",
  },
  {
    slug: "browser-tabs",
    title: "Why your browser now freezes background tabs",
    blurb: "The new energy saver cuts laptop drain by a fifth; here is what it breaks.",
  },
  {
    slug: "sqlite-vector",
    title: "SQLite gets a vector extension that fits in 200 KB",
    blurb: "Nearest-neighbour search without a separate database.",
  },
  {
    slug: "email-auth",
    title: "Big mailbox providers tighten sender rules again",
    blurb: "Bulk senders without DMARC alignment will see mail deferred from next month.",
  },
  {
    slug: "edge-ai",
    title: "On-device models get good at summarising mail",
    blurb: "A 2-billion-parameter model runs on a phone and writes decent one-line summaries.",
  },
  {
    slug: "ipv6",
    title: "IPv6 passes 50% of traffic at a major exchange",
    blurb: "It took 25 years; mobile networks did most of the work.",
  },
  {
    slug: "open-hardware",
    title: "An open-source laptop you can actually buy",
    blurb: "Repairable, documented down to the schematic, and only a little heavy.",
  },
  {
    slug: "postgres-18",
    title: "PostgreSQL 18 ships asynchronous I/O",
    blurb: "Sequential scans get up to 2x faster on cloud disks.",
  },
  {
    slug: "passkeys",
    title: "Passkeys, one year on",
    blurb: "Adoption is up, account recovery is still the hard part.",
  },
  {
    slug: "typescript-go",
    title: "The TypeScript compiler, rewritten in Go, is ten times faster",
    blurb: "Type checking a large monorepo drops from minutes to seconds.",
  },
  {
    slug: "satellite-phones",
    title: "Texting via satellite comes to mid-range phones",
    blurb: "No dish, no subscription for the first year, 30 seconds per message.",
  },
  {
    slug: "green-datacentres",
    title: "Data centres that heat swimming pools",
    blurb: "A small Danish town gets its pool heated by the servers next door.",
  },
  {
    slug: "keyboard-revival",
    title: "The mechanical keyboard revival reaches the office",
    blurb: "Quieter switches win over open-plan floors.",
  },
  {
    slug: "wasm-components",
    title: "WebAssembly components reach 1.0",
    blurb: "Libraries written in one language, called from another, with no glue code.",
  },
  {
    slug: "spam-llm",
    title: "Spam filters versus generated text",
    blurb: "Grammar is no longer a signal; link reputation still is.",
  },
  {
    slug: "retro-computing",
    title: "A 1985 home computer, emulated in a browser tab",
    blurb: "Complete with the tape loading sounds.",
  },
  {
    slug: "right-to-repair",
    title: "Right-to-repair law covers phones from January",
    blurb: "Batteries must be replaceable with common tools.",
  },
  {
    slug: "dns-outage",
    title: "What a 40-minute DNS outage taught one CDN",
    blurb: "The postmortem is an unusually honest read.",
  },
  {
    slug: "imap-still",
    title: "IMAP turns 40 and still runs your mail",
    blurb: "Why a protocol from 1986 refuses to die - and whether it should.",
  },
];

/** @type {Story[]} */
export const GARDEN_TIPS = [
  {
    slug: "tomatoes",
    title: "Pinch out tomato side shoots",
    blurb: "Cordon varieties crop better with one main stem.",
  },
  {
    slug: "compost",
    title: "Turn the compost heap",
    blurb: "Air speeds everything up; a fork and ten minutes is enough.",
  },
  {
    slug: "bulbs",
    title: "Plant spring bulbs now",
    blurb: "Three times their own depth, pointy end up.",
  },
  {
    slug: "lawn",
    title: "Raise the mower blades",
    blurb: "Longer grass survives dry spells far better.",
  },
  {
    slug: "herbs",
    title: "Cut herbs back before they flower",
    blurb: "Basil and mint stay leafy for weeks longer.",
  },
  {
    slug: "slugs",
    title: "Beer traps and other slug stories",
    blurb: "What works, what doesn't, and what the hedgehogs think.",
  },
  {
    slug: "pruning",
    title: "Prune apple trees in winter",
    blurb: "Remove crossing branches and open up the centre.",
  },
  {
    slug: "seeds",
    title: "Saving seeds from this year's beans",
    blurb: "Let a few pods dry on the plant.",
  },
  {
    slug: "pollinators",
    title: "Plants the bees will thank you for",
    blurb: "Lavender, borage and a patch of clover.",
  },
  {
    slug: "frost",
    title: "First frost: what to bring inside",
    blurb: "Geraniums, chillies and anything in a terracotta pot.",
  },
  {
    slug: "leaves",
    title: "Make leaf mould from autumn leaves",
    blurb: "A bin bag with holes and a year's patience.",
  },
  {
    slug: "rhubarb",
    title: "Forcing rhubarb",
    blurb: "An upturned bucket gives sweet pink stems by March.",
  },
];

/** @type {{ slug: string, title: string, author: string, price: string, was: string }[]} */
export const BOOKS = [
  { slug: "tidewater", title: "Tidewater", author: "Maren Holt", price: "£8.99", was: "£12.99" },
  {
    slug: "the-cartographer",
    title: "The Cartographer's Daughter",
    author: "Ines Okonjo",
    price: "£9.49",
    was: "£14.99",
  },
  {
    slug: "small-machines",
    title: "Small Machines",
    author: "Theo Park",
    price: "£7.99",
    was: "£10.99",
  },
  {
    slug: "salt-and-iron",
    title: "Salt and Iron",
    author: "Greta Lind",
    price: "£11.99",
    was: "£16.99",
  },
  {
    slug: "night-trains",
    title: "Night Trains of Europe",
    author: "Paul Ferreira",
    price: "£15.00",
    was: "£20.00",
  },
  {
    slug: "the-quiet-year",
    title: "The Quiet Year",
    author: "Hana Sato",
    price: "£6.99",
    was: "£9.99",
  },
  {
    slug: "bread",
    title: "Bread, Slowly",
    author: "Ottilie Brand",
    price: "£18.00",
    was: "£25.00",
  },
  { slug: "orbit", title: "Low Orbit", author: "Yusuf Demir", price: "£8.49", was: "£11.99" },
];

/** Monthly product notes of Alice's own company (Hatter is its product). */
export const PRODUCT_NOTES = [
  "Scheduled reports can now be sent as PDF as well as CSV.",
  "Dashboards load up to 40% faster thanks to the new query cache.",
  "Single sign-on with SAML is available on all Enterprise plans.",
  "You can now pin up to eight charts to the top of a dashboard.",
  "Dark mode arrived in the web app (Settings → Appearance).",
  "The export API is in public beta: stream any table as CSV or JSON.",
  "Filters are saved per user and survive deploys.",
  "Chart colours now meet WCAG AA contrast by default.",
];
