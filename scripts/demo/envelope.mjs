/**
 * The header block of a demo message: what the sender's client wrote (Date in their zone,
 * Message-ID in their client's style, User-Agent) and what the servers on the way added
 * (Received hops, newest first; Authentication-Results; Return-Path; Delivered-To), so that the
 * "show original" and route views have something true-looking to show on every message.
 */
import { rfc5322Date } from "./dates.mjs";
import { encodeHeaderText, formatAddress, formatAddressList } from "./encodings.mjs";
import { domainOf, isLocal } from "./people.mjs";
import { createRandom, hash32 } from "./random.mjs";

/** @typedef {import("./people.mjs").Person} Person */

const MX = "mx.example.test";

/**
 * A Message-ID as the sender's client makes it, stable for a message id (independent of "now").
 * @param {string} key @param {Person} from
 */
export function messageIdFor(key, from) {
  const r = createRandom(hash32(`message-id/${key}`));
  const domain = domainOf(from);
  switch (from.client) {
    case "Apple Mail":
      return `<${`${r.hex(8)}-${r.hex(4)}-${r.hex(4)}-${r.hex(4)}-${r.hex(12)}`.toUpperCase()}@${domain}>`;
    case "Gmail":
      return `<CA${Buffer.from(r.bytes(30)).toString("base64").replace(/[/=]/g, "_")}@mail.${domain}>`;
    case "Outlook":
      return `<${r.hex(32).toUpperCase()}@${domain}>`;
    case "bulk":
    case "Mailman":
      return `<${r.hex(12)}.${r.int(100000, 999999)}.${r.hex(6)}@mailer.${domain}>`;
    default:
      return `<${r.hex(8)}-${r.hex(4)}-${r.hex(4)}-${r.hex(4)}-${r.hex(12)}@${domain}>`;
  }
}

/** @param {Person} from @returns {[string, string][]} */
function clientHeaders(from) {
  switch (from.client) {
    case "Thunderbird":
      return [["User-Agent", "Mozilla Thunderbird"]];
    case "Apple Mail":
      return [["X-Mailer", "Apple Mail (2.3774.500.171.1.1)"]];
    case "Outlook":
      return [["X-Mailer", "Microsoft Outlook 16.0"]];
    case "bulk":
      return [["X-Mailer", "Sendwave 4.2"]];
    case "Mailman":
      return [["X-Mailman-Version", "3.3.8"]];
    default:
      return [];
  }
}

/** A Postfix queue id. @param {import("./random.mjs").Random} r */
const queueId = (r) =>
  `4${r.hex(1).toUpperCase()}${Buffer.from(r.bytes(8)).toString("base64").replace(/[+/=]/g, "x").slice(0, 10)}`;

/**
 * Received hops, newest first: the sender's relay (or submission on our own server), our MX,
 * Dovecot's LMTP. Returns the hops and when the last one happened (the INTERNALDATE).
 * @param {string} key @param {Person} from @param {string} recipient @param {Date} sent
 */
export function receivedChain(key, from, recipient, sent) {
  const r = createRandom(hash32(`received/${key}`));
  let t = sent.getTime() + r.int(1, 4) * 1000;
  const lines = [];
  if (isLocal(from)) {
    const lan = `192.168.10.${r.int(20, 90)}`;
    lines.push(
      `from [${lan}] (unknown [${lan}]) by ${MX} (Postfix) with ESMTPSA id ${queueId(r)} for <${recipient}>; ${rfc5322Date(new Date(t), "UTC")} (UTC)`,
    );
  } else {
    const relay = from.relay ?? `smtp.${domainOf(from)}`;
    const ip = from.ip ?? "192.0.2.1";
    lines.push(
      `from [10.${r.int(0, 9)}.${r.int(0, 255)}.${r.int(2, 250)}] (unknown [10.0.0.${r.int(2, 250)}]) by ${relay} (Postfix) with ESMTPSA id ${queueId(r)}; ${rfc5322Date(new Date(t), from.tz)}`,
    );
    t += r.int(1, 3) * 1000;
    lines.push(
      `from ${relay} (${relay} [${ip}]) (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256) (No client certificate requested) by ${MX} (Postfix) with ESMTPS id ${queueId(r)} for <${recipient}>; ${rfc5322Date(new Date(t), "UTC")} (UTC)`,
    );
  }
  t += r.int(0, 1) * 1000 + 200;
  lines.push(
    `from ${MX} ([127.0.0.1]) by mail.example.test with LMTP id ${Buffer.from(r.bytes(12)).toString("base64").replace(/[+/=]/g, "Q")} (envelope-from <${from.email}>) for <${recipient}>; ${rfc5322Date(new Date(t), "UTC")}`,
  );
  return { hops: lines.reverse(), deliveredAt: new Date(t) };
}

/** @param {Person} from */
export function authenticationResults(from) {
  const d = domainOf(from);
  return `${MX}; dkim=pass header.d=${d} header.s=s2025 header.b=${Buffer.from(String(hash32(d)))
    .toString("base64")
    .slice(
      0,
      8,
    )}; spf=pass (${MX}: domain of ${from.email} designates ${from.ip ?? "192.0.2.1"} as permitted sender) smtp.mailfrom=${from.email}; dmarc=pass (p=quarantine dis=none) header.from=${d}`;
}

/**
 * @typedef {{
 *   key: string, from: Person, to: Person[], cc?: Person[], replyTo?: Person,
 *   subject: string, encodedSubject?: string, date: Date, messageId?: string,
 *   inReplyTo?: string, references?: string[], extra?: [string, string][],
 *   list?: { id: string, unsubscribe: string, archive?: string },
 *   recipient?: string, incoming?: boolean, returnPath?: string,
 *   hops?: string[], deliveredAt?: Date,
 * }} HeaderSpec `hops` (newest first) replaces the usual chain; `deliveredAt` is then its end
 */

/**
 * The header fields of a message, in the order real mail has them. `incoming: false` (Sent,
 * Drafts) leaves out what only servers add.
 * @param {HeaderSpec} spec
 * @returns {{ headers: [string, string][], messageId: string, internalDate: Date }}
 */
export function messageHeaders(spec) {
  const messageId = spec.messageId ?? messageIdFor(spec.key, spec.from);
  /** @type {[string, string][]} */
  const headers = [];
  let internalDate = spec.date;
  if (spec.incoming !== false) {
    const recipient = spec.recipient ?? spec.to[0]?.email ?? "alice@example.test";
    const chain = spec.hops
      ? { hops: spec.hops, deliveredAt: spec.deliveredAt ?? spec.date }
      : receivedChain(spec.key, spec.from, recipient, spec.date);
    headers.push(
      ["Return-Path", spec.returnPath ?? `<${spec.from.email}>`],
      ["Delivered-To", recipient],
    );
    for (const hop of chain.hops) headers.push(["Received", hop]);
    if (!isLocal(spec.from))
      headers.push(["Authentication-Results", authenticationResults(spec.from)]);
    internalDate = chain.deliveredAt;
  }
  headers.push(["Date", rfc5322Date(spec.date, spec.from.tz)]);
  headers.push(["From", formatAddress(spec.from)]);
  if (spec.replyTo) headers.push(["Reply-To", formatAddress(spec.replyTo)]);
  headers.push(["To", formatAddressList(spec.to)]);
  if (spec.cc?.length) headers.push(["Cc", formatAddressList(spec.cc)]);
  headers.push(["Subject", spec.encodedSubject ?? encodeHeaderText(spec.subject)]);
  headers.push(["Message-ID", messageId]);
  if (spec.inReplyTo) headers.push(["In-Reply-To", spec.inReplyTo]);
  if (spec.references?.length) headers.push(["References", spec.references.join(" ")]);
  if (spec.list) {
    headers.push(["List-Id", spec.list.id]);
    headers.push(["List-Unsubscribe", spec.list.unsubscribe]);
    headers.push(["List-Unsubscribe-Post", "List-Unsubscribe=One-Click"]);
    if (spec.list.archive) headers.push(["List-Archive", spec.list.archive]);
    headers.push(["Precedence", "bulk"]);
  }
  headers.push(...clientHeaders(spec.from), ...(spec.extra ?? []));
  return { headers, messageId, internalDate };
}
