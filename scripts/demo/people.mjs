/**
 * The cast of the demo mailbox: Alice Liddell, product lead at a small analytics company
 * (example.test — the mail stack's own domain, so bob, carol and dave are real accounts she can
 * write to), her colleagues, customers, family and friends, and the services that mail her.
 * All fictional; every domain is under example.com/.org/.net/.test (RFC 2606).
 *
 * `tz` is where the person writes from (the Date header's offset), `client` what they write
 * with (User-Agent / X-Mailer and Message-ID style), `ip` their outbound relay (TEST-NET).
 */

/**
 * @typedef {{ name?: string, email: string, tz: string, client?: string, relay?: string,
 *   ip?: string, encodedName?: string, raw?: string }} Person
 */

/** @type {Person} */
export const ALICE = {
  name: "Alice Liddell",
  email: "alice@example.test",
  tz: "Europe/London",
  client: "Thunderbird",
};

/** The demo is seeded for one login; it writes as that person. @param {string} login */
export function owner(login) {
  return login.toLowerCase() === ALICE.email ? ALICE : { ...ALICE, email: login.toLowerCase() };
}

/** Colleagues at Looking Glass Analytics, on the stack's own domain. */
export const COLLEAGUES = /** @type {const} */ ({
  bob: { name: "Bob Builder", email: "bob@example.test", tz: "Europe/London", client: "Outlook" },
  carol: {
    name: "Carol Danvers",
    email: "carol@example.test",
    tz: "America/New_York",
    client: "Apple Mail",
  },
  dave: {
    name: "Dave Lister",
    email: "dave@example.test",
    tz: "Europe/London",
    client: "Thunderbird",
  },
  priya: {
    name: "Priya Raman",
    email: "priya.raman@example.test",
    tz: "Asia/Kolkata",
    client: "Gmail",
  },
  tomas: {
    name: "Tomás Ortega",
    email: "tomas.ortega@example.test",
    tz: "Europe/Madrid",
    client: "Thunderbird",
  },
  mei: {
    name: "Mei Chen",
    email: "mei.chen@example.test",
    tz: "America/Los_Angeles",
    client: "Apple Mail",
  },
  jonas: {
    name: "Jonas Becker",
    email: "jonas.becker@example.test",
    tz: "Europe/Berlin",
    client: "Outlook",
  },
  hr: { name: "People Team", email: "people@example.test", tz: "Europe/London", client: "Outlook" },
  it: {
    name: "IT Helpdesk",
    email: "helpdesk@example.test",
    tz: "Europe/London",
    client: "Outlook",
  },
});

/** Customers and partners. */
export const PARTNERS = /** @type {const} */ ({
  fabrikam: {
    name: "Grace Hopper-Stone",
    email: "grace@fabrikam.example.com",
    tz: "America/Chicago",
    client: "Outlook",
    relay: "mail.fabrikam.example.com",
    ip: "198.51.100.23",
  },
  contoso: {
    name: "Rahul Mehta",
    email: "r.mehta@contoso.example.net",
    tz: "Asia/Kolkata",
    client: "Gmail",
    relay: "smtp.contoso.example.net",
    ip: "203.0.113.41",
  },
  tailspin: {
    name: "Olivia Brooks",
    email: "olivia@tailspin.example.org",
    tz: "Australia/Sydney",
    client: "Apple Mail",
    relay: "mx1.tailspin.example.org",
    ip: "192.0.2.77",
  },
  wingtip: {
    name: "Hendrik de Vries",
    email: "hendrik@wingtip.example.com",
    tz: "Europe/Amsterdam",
    client: "Thunderbird",
    relay: "out.wingtip.example.com",
    ip: "198.51.100.140",
  },
  lawyer: {
    name: "Ms. Eleanor Vance, Esq.",
    email: "evance@vance-law.example.com",
    tz: "America/New_York",
    client: "Outlook",
    relay: "mail.vance-law.example.com",
    ip: "203.0.113.9",
  },
});

/** Family and friends. */
export const FRIENDS = /** @type {const} */ ({
  mum: {
    name: "Margaret Liddell",
    email: "margaret.liddell@mail.example.org",
    tz: "Europe/London",
    client: "Apple Mail",
    relay: "smtp.mail.example.org",
    ip: "192.0.2.15",
  },
  lorina: {
    name: "Lorina Liddell",
    email: "lorina@mail.example.net",
    tz: "Europe/Dublin",
    client: "Gmail",
    relay: "smtp.mail.example.net",
    ip: "198.51.100.61",
  },
  sam: {
    name: "Sam Okafor",
    email: "sam.okafor@mail.example.net",
    tz: "Africa/Lagos",
    client: "Gmail",
    relay: "smtp.mail.example.net",
    ip: "198.51.100.62",
  },
  edith: {
    name: "Edith Nakamura",
    email: "edith.n@mail.example.com",
    tz: "Asia/Tokyo",
    client: "Apple Mail",
    relay: "smtp.mail.example.com",
    ip: "203.0.113.88",
  },
  jose: {
    name: "José Álvarez",
    email: "jose.alvarez@correo.example.com",
    tz: "Europe/Madrid",
    client: "Thunderbird",
    relay: "smtp.correo.example.com",
    ip: "192.0.2.140",
  },
  book: {
    name: "Riverside Book Club",
    email: "bookclub@lists.example.org",
    tz: "Europe/London",
    client: "Mailman",
    relay: "lists.example.org",
    ip: "192.0.2.200",
  },
  soren: {
    name: "Søren Kjærgaard",
    email: "soren@post.example.com",
    tz: "Europe/Copenhagen",
    client: "Thunderbird",
    relay: "smtp.post.example.com",
    ip: "203.0.113.120",
  },
});

/** Automated senders. */
export const SERVICES = /** @type {const} */ ({
  codehub: {
    name: "CodeHub",
    email: "notifications@codehub.example.com",
    tz: "UTC",
    client: "bulk",
    relay: "out-7.smtp.codehub.example.com",
    ip: "192.0.2.31",
  },
  ci: {
    name: "Buildkite CI",
    email: "builds@ci.example.com",
    tz: "UTC",
    client: "bulk",
    relay: "mta.ci.example.com",
    ip: "192.0.2.32",
  },
  bank: {
    name: "Lumen Bank",
    email: "no-reply@lumenbank.example.com",
    tz: "Europe/London",
    client: "bulk",
    relay: "mail.lumenbank.example.com",
    ip: "198.51.100.5",
  },
  parcel: {
    name: "ParcelPoint",
    email: "tracking@parcelpoint.example.net",
    tz: "Europe/London",
    client: "bulk",
    relay: "mta2.parcelpoint.example.net",
    ip: "203.0.113.55",
  },
  shop: {
    name: "Cartwheel Books",
    email: "orders@cartwheel.example.com",
    tz: "Europe/London",
    client: "bulk",
    relay: "smtp.cartwheel.example.com",
    ip: "198.51.100.99",
  },
  cloud: {
    name: "Nimbus Cloud Billing",
    email: "billing@nimbus.example.com",
    tz: "America/Los_Angeles",
    client: "bulk",
    relay: "mail-out.nimbus.example.com",
    ip: "192.0.2.150",
  },
  air: {
    name: "Skyward Air",
    email: "noreply@skyward-air.example.com",
    tz: "Europe/Amsterdam",
    client: "bulk",
    relay: "mx-out.skyward-air.example.com",
    ip: "203.0.113.170",
  },
  hotel: {
    name: "Hotel Aurora Lisboa",
    email: "reservas@hotel-aurora.example.com",
    tz: "Europe/Lisbon",
    client: "bulk",
    relay: "mail.hotel-aurora.example.com",
    ip: "198.51.100.171",
  },
  rail: {
    name: "EuroRail Tickets",
    email: "tickets@eurorail.example.net",
    tz: "Europe/Paris",
    client: "bulk",
    relay: "smtp.eurorail.example.net",
    ip: "192.0.2.172",
  },
  calendar: {
    name: "Calendar",
    email: "calendar-notification@example.test",
    tz: "Europe/London",
    client: "bulk",
  },
  grocer: {
    name: "Greenleaf Grocers",
    email: "receipts@greenleaf.example.org",
    tz: "Europe/London",
    client: "bulk",
    relay: "smtp.greenleaf.example.org",
    ip: "198.51.100.180",
  },
  gym: {
    name: "Pulse Fitness",
    email: "hello@pulsefit.example.com",
    tz: "Europe/London",
    client: "bulk",
    relay: "mail.pulsefit.example.com",
    ip: "203.0.113.181",
  },
});

/** The domain part of an address. @param {Person} p */
export const domainOf = (p) => p.email.slice(p.email.indexOf("@") + 1);

/** Is this person on the stack's own domain (mail never leaves mx.example.test)? @param {Person} p */
export const isLocal = (p) => domainOf(p) === "example.test";

/** First name, for greetings. @param {Person} p */
export const firstName = (p) => (p.name ?? p.email).split(/[ .@]/)[0] ?? "";
