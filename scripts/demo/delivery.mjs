/**
 * Mail about mail delivery: a Postfix bounce (RFC 3464 multipart/report with
 * message/delivery-status and the returned message), a delayed-delivery warning (headers only,
 * as text/rfc822-headers, RFC 6522), and a message that travelled six hops — Exchange, Exim, a
 * Google-style relay with a four-minute wait in a content filter — for the route view.
 *
 * Stable ids: bounce-failed (with its original sent-bounced-original in Sent), bounce-delayed
 * (original sent-delayed-original), long-route.
 */
import { addMessage, prose } from "./compose.mjs";
import { rfc5322Date, zoneOffsetMinutes } from "./dates.mjs";
import { makePdf } from "./documents.mjs";
import { attachment, encodedPart, messagePart, multipart } from "./mime-writer.mjs";
import { FRIENDS, PARTNERS } from "./people.mjs";

/** @typedef {import("./compose.mjs").Context} Context */

const MAILER_DAEMON = {
  email: "MAILER-DAEMON@mx.example.test",
  raw: "MAILER-DAEMON@mx.example.test (Mail Delivery System)",
  tz: "UTC",
};

const POSTFIX_PREAMBLE = `This is the mail system at host mx.example.test.`;
const POSTFIX_HELP = `For further assistance, please send mail to postmaster.

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

                   The mail system`;

/** @param {Date} date */
const postfixHops = (date) => [
  `by mx.example.test (Postfix) id 4Zb1Qh2Kx7z9sW3; ${rfc5322Date(date, "UTC")} (UTC)`,
];

/** @param {Buffer} message */
const headerBlock = (message) => message.subarray(0, message.indexOf("\r\n\r\n") + 4);

/** @param {Context} ctx */
export function addDelivery(ctx) {
  const { clock, me } = ctx;

  // A typo in the address: edit.n instead of edith.n.
  const sentAt = clock.at(4, 19, 12, me.tz);
  const original = addMessage(ctx, {
    id: "sent-bounced-original",
    incoming: false,
    from: me,
    to: [{ name: "Edith Nakamura", email: "edit.n@mail.example.com", tz: FRIENDS.edith.tz }],
    subject: "Dinner on the 14th?",
    date: sentAt,
    body: prose(
      me,
      "Hi Edith,\n\nAre you free for dinner on the 14th? I found a tiny Georgian place in Clerkenwell that you'd love.\n\nAlice",
    ).body,
  });
  const bouncedAt = new Date(sentAt.getTime() + 3_000);
  const recipient = "edit.n@mail.example.com";
  const diagnostic = `550 5.1.1 <${recipient}>: Recipient address rejected: User unknown in virtual mailbox table`;
  addMessage(ctx, {
    id: "bounce-failed",
    from: MAILER_DAEMON,
    to: [me],
    subject: "Undelivered Mail Returned to Sender",
    date: bouncedAt,
    returnPath: "<>",
    hops: postfixHops(bouncedAt),
    deliveredAt: new Date(bouncedAt.getTime() + 400),
    flags: [],
    extra: [["Auto-Submitted", "auto-replied"]],
    body: multipart(
      "report",
      [
        encodedPart(
          Buffer.from(
            `${POSTFIX_PREAMBLE}\r\n\r\nI'm sorry to have to inform you that your message could not\r\nbe delivered to one or more recipients. It's attached below.\r\n\r\n${POSTFIX_HELP.replace(/\n/g, "\r\n")}\r\n\r\n<${recipient}>: host mx.mail.example.com[203.0.113.88] said: 550\r\n    5.1.1 <${recipient}>: Recipient address rejected: User unknown\r\n    in virtual mailbox table (in reply to RCPT TO command)\r\n`,
          ),
          {
            type: "text/plain",
            params: { charset: "us-ascii" },
            encoding: "7bit",
            description: "Notification",
          },
        ),
        encodedPart(
          Buffer.from(
            [
              "Reporting-MTA: dns; mx.example.test",
              "X-Postfix-Queue-ID: 4Zb1Qh2Kx7z9sW3",
              `X-Postfix-Sender: rfc822; ${me.email}`,
              `Arrival-Date: ${rfc5322Date(sentAt, "UTC")} (UTC)`,
              "",
              `Final-Recipient: rfc822; ${recipient}`,
              `Original-Recipient: rfc822;${recipient}`,
              "Action: failed",
              "Status: 5.1.1",
              "Remote-MTA: dns; mx.mail.example.com",
              `Diagnostic-Code: smtp; ${diagnostic}`,
              "",
            ].join("\r\n"),
          ),
          { type: "message/delivery-status", encoding: "7bit", description: "Delivery report" },
        ),
        messagePart(original.bytes, { description: "Undelivered Message" }),
      ],
      { "report-type": "delivery-status" },
    ),
  });

  const wingtip = PARTNERS.wingtip;
  const slowSent = clock.at(1, 9, 5, me.tz);
  const slow = addMessage(ctx, {
    id: "sent-delayed-original",
    incoming: false,
    from: me,
    to: [wingtip],
    cc: [{ name: "Jonas Becker", email: "jonas.becker@example.test", tz: "Europe/Berlin" }],
    subject: "Pricing slide corrections",
    date: slowSent,
    body: prose(
      me,
      "Hi Hendrik,\n\nTwo small corrections on the pricing slide: the Team plan is 18 seats, not 20, and the renewal date is 1 October.\n\nBest,\nAlice",
    ).body,
  });
  const warnedAt = new Date(slowSent.getTime() + 4 * 3_600_000 + 12_000);
  addMessage(ctx, {
    id: "bounce-delayed",
    from: MAILER_DAEMON,
    to: [me],
    subject: "Delayed Mail (still being retried)",
    date: warnedAt,
    returnPath: "<>",
    hops: postfixHops(warnedAt),
    deliveredAt: new Date(warnedAt.getTime() + 300),
    extra: [["Auto-Submitted", "auto-replied"]],
    body: multipart(
      "report",
      [
        encodedPart(
          Buffer.from(
            `${POSTFIX_PREAMBLE}\r\n\r\n####################################################################\r\n# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #\r\n####################################################################\r\n\r\nYour message could not be delivered for 4.0 hours.\r\nIt will be retried until it is 5.0 days old.\r\n\r\n${POSTFIX_HELP.replace(/\n/g, "\r\n")}\r\n\r\n<${wingtip.email}>: connect to out.wingtip.example.com[198.51.100.140]:25:\r\n    Connection timed out\r\n`,
          ),
          {
            type: "text/plain",
            params: { charset: "us-ascii" },
            encoding: "7bit",
            description: "Notification",
          },
        ),
        encodedPart(
          Buffer.from(
            [
              "Reporting-MTA: dns; mx.example.test",
              "X-Postfix-Queue-ID: 4Zb7Wn0Gk1z9sVy",
              `X-Postfix-Sender: rfc822; ${me.email}`,
              `Arrival-Date: ${rfc5322Date(slowSent, "UTC")} (UTC)`,
              "",
              `Final-Recipient: rfc822; ${wingtip.email}`,
              `Original-Recipient: rfc822;${wingtip.email}`,
              "Action: delayed",
              "Status: 4.4.1",
              `Diagnostic-Code: X-Postfix; connect to out.wingtip.example.com[198.51.100.140]:25: Connection timed out`,
              `Will-Retry-Until: ${rfc5322Date(new Date(slowSent.getTime() + 5 * 86_400_000), "UTC")} (UTC)`,
              "",
            ].join("\r\n"),
          ),
          { type: "message/delivery-status", encoding: "7bit", description: "Delivery report" },
        ),
        encodedPart(headerBlock(slow.bytes), {
          type: "text/rfc822-headers",
          encoding: "7bit",
          description: "Undelivered Message Headers",
        }),
      ],
      { "report-type": "delivery-status" },
    ),
  });

  addLongRoute(ctx);
}

/** @param {Context} ctx */
function addLongRoute(ctx) {
  const { clock, me } = ctx;
  const from = { ...PARTNERS.wingtip, client: "Outlook" };
  const t0 = clock.atWorkday(8, 10, 2, from.tz).getTime();
  const at = (/** @type {number} */ seconds) => new Date(t0 + seconds * 1000);
  const tls12 = "(version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384)";
  // Oldest first; the slow hop is the content filter's queue (4 min 12 s).
  const hops = [
    `from HDV-LT07.corp.wingtip.example.com (10.20.4.17) by EX02.corp.wingtip.example.com (10.20.0.12) with Microsoft SMTP Server ${tls12} id 15.2.1544.4; ${rfc5322Date(at(1), from.tz)}`,
    `from EX02.corp.wingtip.example.com (10.20.0.12) by EX01.corp.wingtip.example.com (10.20.0.11) with Microsoft SMTP Server ${tls12} id 15.2.1544.4 via Frontend Transport; ${rfc5322Date(at(2), from.tz)}`,
    `from [10.20.0.11] (helo=EX01.corp.wingtip.example.com) by filter.wingtip.example.com with esmtps (TLS1.3) tls TLS_AES_256_GCM_SHA384 (Exim 4.97) (envelope-from <${from.email}>) id 1tq3Xz-00012a-2K for ${me.email}; ${rfc5322Date(at(4), from.tz)}`,
    `from filter.wingtip.example.com (filter.wingtip.example.com. [198.51.100.141]) by relay.mailhost.example.net with ESMTPS id v12-20020a05600c4d0c00b0043cf1a2b3c4sm1234567wmp.12 for <${me.email}> (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256); ${rfc5322Date(at(256), "America/Los_Angeles")} (${zoneOffsetMinutes(at(256), "America/Los_Angeles") === -480 ? "PST" : "PDT"})`,
    `from relay.mailhost.example.net (relay.mailhost.example.net [192.0.2.99]) (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)) (No client certificate requested) by mx.example.test (Postfix) with ESMTPS id 4Zc0Lm5Rtwz9sWB for <${me.email}>; ${rfc5322Date(at(258), "UTC")} (UTC)`,
    `from mx.example.test ([127.0.0.1]) by mail.example.test with LMTP id yD3kGq1sZ2cQHAAAv0bS4g (envelope-from <${from.email}>) for <${me.email}>; ${rfc5322Date(at(258.4), "UTC")}`,
  ].reverse();
  const dkim = `v=1; a=rsa-sha256; c=relaxed/relaxed; d=wingtip.example.com; s=sel2025; t=${Math.floor(t0 / 1000)}; h=From:To:Subject:Date:Message-ID:Content-Type:MIME-Version; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=dGhpcyBpcyBub3QgYSByZWFsIHNpZ25hdHVyZSwganVzdCBkZW1vIGRhdGEgZm9yIHRoZSByb3V0ZSB2aWV3IG9mIExldHRlcmJveCwgd2hpY2ggc2hvd3MgZWFjaCBob3AgYW5kIGl0cyBkZWxheQ==`;
  addMessage(ctx, {
    id: "long-route",
    from,
    to: [me],
    subject: "Signed contract attached",
    date: at(0),
    hops,
    deliveredAt: at(258.4),
    flags: ["\\Seen"],
    extra: [
      ["DKIM-Signature", dkim],
      [
        "ARC-Authentication-Results",
        "i=1; relay.mailhost.example.net; dkim=pass header.i=@wingtip.example.com header.s=sel2025; spf=pass smtp.mailfrom=wingtip.example.com; dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=wingtip.example.com",
      ],
      ["Thread-Topic", "Signed contract attached"],
      ["Thread-Index", "AdsM3xQ7yK1nB2r0Qk2m7e1xJ3h9Aw=="],
      ["X-MS-Has-Attach", "yes"],
      [
        "X-Spam-Status",
        "No, score=-2.1 required=5.0 tests=BAYES_00,DKIM_SIGNED,DKIM_VALID,SPF_PASS",
      ],
    ],
    body: multipart("mixed", [
      prose(
        from,
        "Hi Alice,\n\nPlease find the countersigned contract attached. Sorry it took a while - our legal team had one last question about clause 9.\n\nMet vriendelijke groet,\nHendrik de Vries\nWingtip",
      ).body,
      attachment(
        makePdf({
          title: "Service agreement - countersigned",
          author: "Hendrik de Vries",
          lines: [
            "Wingtip B.V. and Looking Glass Analytics Ltd",
            "Signed for Wingtip: H. de Vries",
            "Signed for Looking Glass: A. Liddell",
          ],
        }),
        "application/pdf",
        "Wingtip service agreement (signed).pdf",
      ),
    ]),
  });
}
