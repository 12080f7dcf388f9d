/**
 * Mail in many scripts and charsets: one message per sample of charset-samples.mjs (display
 * name, subject and body in that charset: RFC 2047 B or Q words, body in quoted-printable,
 * base64, 8bit or — for ISO-2022-JP — 7bit), plus UTF-8 mail with emoji, Spanish in 8bit, and
 * a multilingual message with right-to-left scripts.
 *
 * Stable ids: international-<sample key> (latin1, cp1252, koi8r, iso2022jp, gb2312, gbk,
 * shiftjis, greek, latin2, cp1252html), international-emoji, international-spanish,
 * international-multilingual.
 */
import { CHARSET_SAMPLES } from "./charset-samples.mjs";
import { addMessage } from "./compose.mjs";
import { encodedPieces, encodeHeaderText } from "./encodings.mjs";
import { encodedPart, multipart, textPart } from "./mime-writer.mjs";
import { FRIENDS } from "./people.mjs";

/** @typedef {import("./compose.mjs").Context} Context */
/** @typedef {keyof typeof CHARSET_SAMPLES} SampleKey */

/** Who writes each sample, from where, and into which mailbox it goes. */
const SENDERS =
  /** @type {Record<SampleKey, { email: string, tz: string, client: string, mailbox: string, daysAgo: number, hour: number, ip: string }>} */ ({
    latin1: {
      email: "j.mueller@mueller-immobilien.example.com",
      tz: "Europe/Berlin",
      client: "Outlook",
      mailbox: "INBOX",
      daysAgo: 13,
      hour: 10,
      ip: "198.51.100.31",
    },
    cp1252: {
      email: "francois@atelier-dubois.example.com",
      tz: "Europe/Paris",
      client: "Outlook",
      mailbox: "INBOX",
      daysAgo: 3,
      hour: 15,
      ip: "198.51.100.32",
    },
    koi8r: {
      email: "d.ivanov@sever.example.net",
      tz: "Europe/Moscow",
      client: "Thunderbird",
      mailbox: "INBOX",
      daysAgo: 7,
      hour: 11,
      ip: "203.0.113.33",
    },
    iso2022jp: {
      email: "yamada@sakura-tech.example.com",
      tz: "Asia/Tokyo",
      client: "Thunderbird",
      mailbox: "INBOX",
      daysAgo: 5,
      hour: 17,
      ip: "203.0.113.34",
    },
    gb2312: {
      email: "li.ming@huaxia.example.net",
      tz: "Asia/Shanghai",
      client: "Outlook",
      mailbox: "INBOX",
      daysAgo: 9,
      hour: 14,
      ip: "192.0.2.35",
    },
    gbk: {
      email: "wang.zhe@jinshu.example.com",
      tz: "Asia/Shanghai",
      client: "Outlook",
      mailbox: "Work",
      daysAgo: 33,
      hour: 9,
      ip: "192.0.2.36",
    },
    shiftjis: {
      email: "h.sato@mirai.example.org",
      tz: "Asia/Tokyo",
      client: "Outlook",
      mailbox: "INBOX",
      daysAgo: 16,
      hour: 10,
      ip: "203.0.113.37",
    },
    greek: {
      email: "nikos@aegean-travel.example.com",
      tz: "Europe/Athens",
      client: "Thunderbird",
      mailbox: "Travel",
      daysAgo: 27,
      hour: 12,
      ip: "198.51.100.38",
    },
    latin2: {
      email: "zofia.wojcik@poczta.example.com",
      tz: "Europe/Warsaw",
      client: "Thunderbird",
      mailbox: "INBOX",
      daysAgo: 21,
      hour: 20,
      ip: "192.0.2.39",
    },
    cp1252html: {
      email: "reservations@letoile.example.com",
      tz: "Europe/Paris",
      client: "bulk",
      mailbox: "INBOX",
      daysAgo: 10,
      hour: 11,
      ip: "198.51.100.40",
    },
  });

/** @param {Context} ctx */
export function addInternational(ctx) {
  const { clock, me } = ctx;
  for (const key of /** @type {SampleKey[]} */ (Object.keys(CHARSET_SAMPLES))) {
    const sample = CHARSET_SAMPLES[key];
    const s = SENDERS[key];
    const encoding = /** @type {"B" | "Q"} */ (sample.headerEncoding);
    const from = {
      name: sample.name,
      email: s.email,
      encodedName: encodedPieces(sample.charset, encoding, sample.namePieces),
      tz: s.tz,
      client: s.client,
      ip: s.ip,
      relay: `mail.${s.email.split("@")[1]}`,
    };
    const html = key === "cp1252html";
    addMessage(ctx, {
      id: `international-${key}`,
      mailbox: s.mailbox,
      from,
      to: [me],
      subject: sample.subject,
      encodedSubject: encodedPieces(sample.charset, encoding, sample.subjectPieces),
      date: clock.at(s.daysAgo, s.hour, ctx.rng.int(0, 59), s.tz),
      body: encodedPart(Buffer.from(sample.bodyBytes, "base64"), {
        type: html ? "text/html" : "text/plain",
        params: { charset: sample.charset },
        encoding: /** @type {"7bit" | "8bit" | "quoted-printable" | "base64"} */ (
          sample.bodyEncoding
        ),
      }),
    });
  }

  const { sam, jose } = FRIENDS;
  const birthday = "🎉 Happy birthday, Alice! 🎂🥳";
  addMessage(ctx, {
    id: "international-emoji",
    from: sam,
    to: [me],
    subject: birthday,
    encodedSubject: encodeHeaderText(birthday, "B"),
    date: clock.at(17, 7, 30, sam.tz),
    flags: ["\\Seen", "\\Flagged"],
    body: multipart("alternative", [
      textPart(
        "Happy birthday!! 🎈🎁\n\nHave the best day, and save me a slice of cake 🍰 - I'll claim it on Friday.\n\nSam ✌️\n",
        { encoding: "base64" },
      ),
      textPart(
        '<div dir="ltr">Happy birthday!! 🎈🎁<br><br>Have the best day, and save me a slice of cake 🍰 - I\'ll claim it on Friday.<br><br>Sam ✌️</div>\n',
        { subtype: "html", encoding: "base64" },
      ),
    ]),
  });

  addMessage(ctx, {
    id: "international-spanish",
    from: jose,
    to: [me],
    subject: "Reunión del jueves: ¿confirmas?",
    date: clock.at(2, 13, 5, jose.tz),
    body: textPart(
      "Hola Alice:\n\n¿Sigue en pie la reunión del jueves a las 10:00? Llevaré el informe de diseño y unos churros para el equipo.\n\nUn abrazo,\nJosé\n",
      { encoding: "8bit" },
    ),
  });

  const lines = [
    ["Arabic", "ar", "rtl", "مرحبًا بك في Hatter"],
    ["Hebrew", "he", "rtl", "ברוכים הבאים ל-Hatter"],
    ["Chinese (Simplified)", "zh-Hans", "ltr", "欢迎使用 Hatter"],
    ["Japanese", "ja", "ltr", "Hatter へようこそ"],
    ["Korean", "ko", "ltr", "Hatter에 오신 것을 환영합니다"],
    ["Hindi", "hi", "ltr", "Hatter में आपका स्वागत है"],
    ["Russian", "ru", "ltr", "Добро пожаловать в Hatter"],
    ["Greek", "el", "ltr", "Καλώς ήρθατε στο Hatter"],
    ["Thai", "th", "ltr", "ยินดีต้อนรับสู่ Hatter"],
  ];
  const l10n = {
    name: "Localisation Team",
    email: "l10n@example.test",
    tz: "Europe/London",
    client: "Apple Mail",
  };
  addMessage(ctx, {
    id: "international-multilingual",
    mailbox: "Work/Projects",
    from: l10n,
    to: [me],
    subject:
      "Welcome screen translations: العربية, עברית, 中文, 日本語, 한국어, हिन्दी, Русский, Ελληνικά, ไทย",
    date: clock.atWorkday(22, 16, 0, l10n.tz),
    body: multipart("alternative", [
      textPart(
        `Hi Alice,\n\nThe welcome line for the new onboarding screen, ready for review:\n\n${lines.map(([lang, , , text]) => `${lang}: ${text}`).join("\n")}\n\nThe Arabic and Hebrew lines are right-to-left.\n\nLocalisation Team\n`,
      ),
      textPart(
        `<html><body style="font-family:system-ui,sans-serif"><p>Hi Alice,</p><p>The welcome line for the new onboarding screen, ready for review:</p><table cellpadding="6" style="border-collapse:collapse">${lines
          .map(
            ([lang, code, dir, text]) =>
              `<tr><th align="left" style="border-bottom:1px solid #ddd">${lang}</th><td lang="${code}" dir="${dir}" style="border-bottom:1px solid #ddd;font-size:18px">${text}</td></tr>`,
          )
          .join(
            "",
          )}</table><p>The Arabic and Hebrew lines are right-to-left.</p><p>Localisation Team</p></body></html>\n`,
        { subtype: "html" },
      ),
    ]),
  });
}
