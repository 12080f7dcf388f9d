/**
 * Receipts (order confirmations with HTML tables, supermarket receipts, cloud invoices as PDF)
 * and Travel (a Lisbon trip: flight booking, schedule change, boarding pass PDF, hotel in
 * Portuguese and English, car rental, host instructions; a rail e-ticket).
 *
 * Stable ids: receipt-order-<n>, receipt-grocer-<n>, receipt-invoice-<n>, travel-<name>.
 */
import { addMessage } from "./compose.mjs";
import { makePdf } from "./documents.mjs";
import { attachment, multipart, textPart } from "./mime-writer.mjs";
import { BOOKS } from "./newsletter-texts.mjs";
import { SERVICES } from "./people.mjs";

/** @typedef {import("./compose.mjs").Context} Context */

/** @param {string} text @param {string} html */
const alt = (text, html) =>
  multipart("alternative", [textPart(text), textPart(html, { subtype: "html" })]);

/** @param {Context} ctx */
function addReceipts(ctx) {
  const { clock, me, rng } = ctx;
  [2, 40, 95].forEach((daysAgo, i) => {
    const books = rng.shuffle(BOOKS).slice(0, i + 1);
    const total = books.reduce((s, b) => s + Number(b.price.slice(1)), 0).toFixed(2);
    const order = `CW-${58813 - i * 1711}`;
    addMessage(ctx, {
      id: `receipt-order-${i + 1}`,
      mailbox: "Receipts",
      from: SERVICES.shop,
      to: [me],
      subject: `Order confirmation ${order}`,
      date: clock.at(daysAgo, 20, rng.int(0, 59), "Europe/London"),
      flags: ["\\Seen"],
      body: alt(
        `Thank you for your order ${order}!\n\n${books.map((b) => `${b.title} (${b.author})  ${b.price}`).join("\n")}\n\nTotal: £${total}\nDelivery: 2-3 working days\n`,
        `<table width="520" cellpadding="6" style="font-family:Georgia,serif;border-collapse:collapse"><tr><td colspan="2"><h2>Thank you for your order ${order}</h2></td></tr>${books
          .map(
            (b) =>
              `<tr><td style="border-bottom:1px solid #eee">${b.title}<br><small>${b.author}</small></td><td align="right" style="border-bottom:1px solid #eee">${b.price}</td></tr>`,
          )
          .join(
            "",
          )}<tr><td><b>Total</b></td><td align="right"><b>£${total}</b></td></tr></table>\n`,
      ),
    });
  });
  [5, 19, 47, 88].forEach((daysAgo, i) => {
    const items = rng
      .shuffle([
        ["Sourdough loaf", 3.2],
        ["Oat milk 1L", 1.85],
        ["Free-range eggs x6", 2.9],
        ["Apples (1 kg)", 2.4],
        ["Coffee beans 250 g", 6.5],
        ["Cheddar 400 g", 4.75],
        ["Tomatoes", 1.6],
        ["Dark chocolate", 2.1],
      ])
      .slice(0, rng.int(3, 7));
    const total = items.reduce((s, [, p]) => s + Number(p), 0).toFixed(2);
    addMessage(ctx, {
      id: `receipt-grocer-${i + 1}`,
      mailbox: "Receipts",
      from: SERVICES.grocer,
      to: [me],
      subject: `Your Greenleaf receipt - £${total}`,
      date: clock.at(daysAgo, 18, rng.int(0, 59), "Europe/London"),
      flags: ["\\Seen"],
      body: textPart(
        `GREENLEAF GROCERS - Elm Road\n\n${items.map(([n, p]) => `${String(n).padEnd(28, ".")} £${Number(p).toFixed(2)}`).join("\n")}\n${"".padEnd(36, "-")}\n${"TOTAL".padEnd(28, " ")} £${total}\n\nPaid by card ending 4471. Thank you!\n`,
      ),
    });
  });
  [12, 42, 72].forEach((daysAgo, i) => {
    const number = `INV-2025-${String(318 - i * 31).padStart(4, "0")}`;
    const amount = (rng.int(4000, 9000) / 100).toFixed(2);
    addMessage(ctx, {
      id: `receipt-invoice-${i + 1}`,
      mailbox: "Receipts",
      from: SERVICES.cloud,
      to: [me],
      subject: `Your Nimbus Cloud invoice ${number}`,
      date: clock.at(daysAgo, 3, 10, "America/Los_Angeles"),
      flags: ["\\Seen"],
      body: multipart("mixed", [
        textPart(
          `Hello Alice,\n\nYour invoice ${number} for $${amount} is attached and will be charged to the card on file.\n\nNimbus Cloud Billing\n`,
        ),
        attachment(
          makePdf({
            title: `Invoice ${number}`,
            author: "Nimbus Cloud",
            lines: ["Bill to: Alice Liddell, Looking Glass Analytics", `Amount due: USD ${amount}`],
            rows: [
              ["Service", "Usage", "Amount (USD)"],
              ["Compute", `${rng.int(300, 700)} h`, (Number(amount) * 0.7).toFixed(2)],
              ["Storage", `${rng.int(80, 200)} GB`, (Number(amount) * 0.3).toFixed(2)],
            ],
          }),
          "application/pdf",
          `${number}.pdf`,
        ),
      ]),
    });
  });
}

/** @param {Context} ctx */
function addTravel(ctx) {
  const { clock, me } = ctx;
  const { air, hotel, rail } = SERVICES;
  const booked = clock.at(34, 21, 14, air.tz);
  const trip = [
    {
      id: "travel-flight",
      from: air,
      subject: "Booking confirmed: London Heathrow → Lisbon (SKY4471)",
      date: booked,
      body: alt(
        "Your booking is confirmed.\n\nBooking reference: QX7K2M\nSKY4471 London Heathrow (LHR) 07:10 → Lisbon (LIS) 09:55\nSKY4476 Lisbon (LIS) 18:40 → London Heathrow (LHR) 21:20\n\nPassenger: Alice Liddell\n",
        '<table width="560" style="font-family:Arial,sans-serif"><tr><td style="background:#0a3d62;color:#fff;padding:16px"><img src="https://images.example.com/skyward/logo-white.png" width="140" height="32" alt="Skyward Air"></td></tr><tr><td style="padding:16px"><h2>Your booking is confirmed</h2><p>Booking reference <b style="font-size:20px;letter-spacing:2px">QX7K2M</b></p><table cellpadding="6"><tr><td>SKY4471</td><td>LHR 07:10 → LIS 09:55</td></tr><tr><td>SKY4476</td><td>LIS 18:40 → LHR 21:20</td></tr></table></td></tr></table>\n',
      ),
    },
    {
      id: "travel-hotel",
      from: hotel,
      subject: "Confirmação de reserva / Booking confirmation – Hotel Aurora Lisboa",
      date: clock.after(booked, 30, 90),
      body: textPart(
        "Olá Alice,\n\nObrigado pela sua reserva! Quarto duplo, 2 noites, pequeno-almoço incluído.\nCheck-in a partir das 14h00.\n\n---\n\nHello Alice,\n\nThank you for your booking! Double room, 2 nights, breakfast included.\nCheck-in from 2 pm.\n\nHotel Aurora Lisboa · Rua da Aurora 12, Lisboa\n",
      ),
    },
    {
      id: "travel-schedule-change",
      from: air,
      subject: "Schedule change for your flight SKY4471",
      date: clock.at(31, 16, 2, air.tz),
      body: textPart(
        "Dear Alice Liddell,\n\nThe departure time of SKY4471 on your booking QX7K2M has changed from 07:10 to 07:35. No action is needed.\n\nSkyward Air\n",
      ),
    },
    {
      id: "travel-boarding-pass",
      from: air,
      subject: "Your boarding pass: LHR → LIS",
      date: clock.at(29, 7, 40, air.tz),
      body: multipart("mixed", [
        textPart("Your boarding pass is attached. Gate closes 20 minutes before departure.\n"),
        attachment(
          makePdf({
            title: "Boarding pass SKY4471",
            author: "Skyward Air",
            lines: [
              "LIDDELL/ALICE MS",
              "LHR -> LIS   Seat 14A   Group 2",
              "Boarding 06:55   Gate closes 07:15",
              "Booking QX7K2M",
            ],
          }),
          "application/pdf",
          "BoardingPass_SKY4471_LIDDELL.pdf",
        ),
      ]),
    },
    {
      id: "travel-car",
      from: {
        name: "Atlântico Rent-a-Car",
        email: "reservas@atlantico-rent.example.com",
        tz: "Europe/Lisbon",
        client: "Outlook",
      },
      subject: "Your rental at Lisbon Airport – ref. ATL-20931",
      date: clock.at(33, 10, 5, "Europe/Lisbon"),
      body: textPart(
        "Dear Alice,\n\nYour compact car is reserved at Lisbon Airport (desk 3, arrivals hall), ref. ATL-20931. Please bring your driving licence.\n\nAtlântico Rent-a-Car\n",
      ),
    },
    {
      id: "travel-host",
      from: {
        name: "Ana Ribeiro (Alfama flat)",
        email: "ana.ribeiro@hosts.example.com",
        tz: "Europe/Lisbon",
        client: "Gmail",
        relay: "smtp.hosts.example.com",
        ip: "203.0.113.190",
      },
      subject: "Instruções de check-in / Check-in instructions 🔑",
      date: clock.at(30, 19, 12, "Europe/Lisbon"),
      body: alt(
        "Olá Alice! The key box is to the left of the blue door (code 4471). Third floor, no lift - sorry! Wi-Fi: Alfama-Guest / saudade2025.\n\nMap: https://maps.example.com/?q=38.7115,-9.1300\n\nBoa estadia!\nAna\n",
        '<div>Olá Alice! The key box is to the left of the <b>blue door</b> (code <b>4471</b>). Third floor, no lift - sorry! Wi-Fi: <code>Alfama-Guest</code> / <code>saudade2025</code>.</div><div><br></div><div><a href="https://maps.example.com/?q=38.7115,-9.1300"><img src="https://images.example.com/maps/static/alfama.png" width="400" height="200" alt="Map of the flat"></a></div><div>Boa estadia!<br>Ana</div>\n',
      ),
    },
    {
      id: "travel-rail",
      from: rail,
      subject: "Votre e-billet / Your e-ticket: Paris Nord → Amsterdam Centraal",
      date: clock.at(64, 12, 30, rail.tz),
      body: multipart("mixed", [
        textPart(
          "Bonjour Alice,\n\nVoici votre e-billet. Présentez-le sur votre téléphone ou imprimé.\n\nHello Alice,\n\nHere is your e-ticket. Show it on your phone or printed.\n\nParis Nord 08:25 → Amsterdam Centraal 11:44, coach 12, seat 61\n",
        ),
        attachment(
          makePdf({
            title: "E-ticket Paris Nord - Amsterdam Centraal",
            author: "EuroRail",
            lines: [
              "Passenger: LIDDELL Alice",
              "Train 9315, coach 12, seat 61",
              "Departure 08:25 Paris Nord",
              "Arrival 11:44 Amsterdam Centraal",
            ],
          }),
          "application/pdf",
          "e-ticket-9315.pdf",
        ),
      ]),
    },
  ];
  for (const t of trip) {
    addMessage(ctx, {
      id: t.id,
      mailbox: "Travel",
      from: t.from,
      to: [me],
      subject: t.subject,
      date: t.date,
      flags: ["\\Seen"],
      body: t.body,
    });
  }
}

/** @param {Context} ctx */
export function addReceiptsAndTravel(ctx) {
  addReceipts(ctx);
  addTravel(ctx);
}
