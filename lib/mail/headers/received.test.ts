import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fieldsNamed } from "./header-field.ts";
import { parseReceived } from "./received.ts";
import { CORPUS_DIR, corpusHeaders } from "./testing/corpus-headers.ts";

/** The Received field of a corpus message that contains `marker` (read in place). */
function received(file: string, marker: string) {
  const field = fieldsNamed(corpusHeaders(file), "received").find((f) => f.value.includes(marker));
  if (!field) throw new Error(`no Received with ${marker} in ${file}`);
  return parseReceived(field.value);
}

describe("parseReceived on real MTAs", () => {
  it("Postfix: HELO, rDNS [IP], TLS 1.3 comments, envelope-from after the date", () => {
    const r = received("notmuch-broken-empty-part.eml", "by mx2.freebsd.org (Postfix)");
    expect(r.from).toEqual({ helo: "mx1.freebsd.org", host: "mx1.freebsd.org", ip: "96.47.72.80" });
    expect(r.by).toEqual({ host: "mx2.freebsd.org" });
    expect(r.with).toBe("ESMTPS");
    expect(r.id).toBe("4gkvHD5qV5z4cym");
    expect(r.for).toBe("stepnem@smrk.net");
    expect(r.tls).toMatch(/^using TLSv1\.3 with cipher TLS_AES_256_GCM_SHA384/);
    expect(r.tls).toContain('Client CN "mx1.freebsd.org"');
    expect(r.date?.toISOString()).toBe("2026-06-23T05:47:52.000Z");

    const lower = received("notmuch-broken-empty-part.eml", "by mx1.freebsd.org (Postfix)");
    // RFC 5321 IPv6 address literal, and Postfix's envelope-from written after the date.
    expect(lower.from?.ip).toBe("2610:1c1:1:606c::50:24");
    expect(lower.envelopeFrom).toBe("freebsd-hackers+bounces-help@FreeBSD.org");
    expect(lower.dateRaw).toMatch(/^Tue, 23 Jun 2026 05:47:52 \+0000 \(UTC\)/);
  });

  it("OpenSMTPD: TLS details in a comment after the id", () => {
    const r = received("notmuch-broken-empty-part.eml", "(OpenSMTPD)");
    expect(r.from).toEqual({
      helo: "mx2.freebsd.org",
      host: "mx2.freebsd.org",
      ip: "2610:1c1:1:606c::19:2",
    });
    expect(r.tls).toBe("TLSv1.3:TLS_AES_256_GCM_SHA384:256:NO");
    expect(r.date?.toISOString()).toBe("2026-06-23T05:47:54.000Z");
  });

  it("Exim: [ip] (helo=name), the first word is the verified name", () => {
    const bare = received("cpython-data-msg_25.eml", "helo=zinfandel.lacita.com");
    expect(bare.from).toEqual({ helo: "zinfandel.lacita.com", ip: "204.245.199.98" });
    expect(bare.by?.host).toBe("www.linux.org.uk");
    expect(bare.with).toBe("esmtp");
    expect(bare.id).toBe("14lYR6-0008Iv-00");
    expect(bare.for).toBe("linuxuser-admin@www.linux.org.uk");
    expect(bare.comments).toContain("Exim 3.13 #1");

    const v6 = received("notmuch-duplicate-msg-3-1_2.eml", "helo=alioth-lists-01.debian.net");
    expect(v6.from).toEqual({ helo: "alioth-lists-01.debian.net", host: "localhost", ip: "::1" });

    const tls = received("notmuch-duplicate-msg-3-1_2.eml", "by muffat.debian.org");
    // helo= left out when it equals the verified name: both are the first word.
    expect(tls.from).toEqual({
      helo: "alioth-lists-01.debian.net",
      host: "alioth-lists-01.debian.net",
      ip: "2001:ba8:0:2c77:0:4:0:1",
    });
    expect(tls.tls).toBe("TLS1.2:ECDHE_RSA_AES_256_GCM_SHA384:256");
    expect(tls.envelopeFrom).toBe(
      "pkg-emacsen-addons-bounces+bremner=debian.org@alioth-lists.debian.net",
    );
  });

  it("Exim: helo= with an address literal is not the peer's address", () => {
    const r = received("mime4j-testmsgs-example.eml", "helo=[10.0.0.27]");
    expect(r.from).toEqual({ helo: "[10.0.0.27]", ip: "82.38.65.6" });
    expect(r.with).toBe("esmtpa");
  });

  it("qmail: unknown (HELO name) ([ip]) (envelope-sender <>), and a comment-only field", () => {
    const r = received("mime4j-testmsgs-example.eml", "envelope-sender");
    expect(r.from).toEqual({
      helo: "p3presmtp01-16.prod.phx3.secureserver.net",
      ip: "208.109.80.165",
    });
    expect(r.by?.host).toBe("smtp20-01.prod.mesa1.secureserver.net");
    expect(r.envelopeFrom).toBe("rdonkin-owner@locus.apache.org");
    expect(r.for).toBe("asf@xmlmapt.org");
    expect(r.date?.toISOString()).toBe("2008-05-25T14:38:53.000Z");

    const invoked = received("mime4j-testmsgs-example.eml", "qmail 46763 invoked");
    expect(invoked.from).toBeUndefined();
    expect(invoked.by).toBeUndefined();
    expect(invoked.comments).toEqual(["qmail 46763 invoked from network"]);
    expect(invoked.date?.toISOString()).toBe("2008-05-25T14:38:46.000Z");
  });

  it("Sendmail: (user@rdns [ip]) with an ident user", () => {
    const r = received("flanker-messages-from-encoding.eml", "root@linteuto.teuto.de");
    expect(r.from).toEqual({
      helo: "linteuto.teuto.de",
      host: "linteuto.teuto.de",
      ip: "194.77.23.26",
    });
    expect(r.by?.host).toBe("hyperreal.org");
    expect(r.id).toBe("NAA18138");
    expect(r.for).toBe("new-httpd@apache.org");
    expect(r.date?.toISOString()).toBe("1997-07-12T20:10:48.000Z");
  });

  it('vger: ([ip]:port "EHLO name" rhost-flags) and via listexpand', () => {
    const r = received("notmuch-1382298770.002930_2.eml", "EHLO mx1.redhat.com");
    expect(r.from).toEqual({
      helo: "mx1.redhat.com",
      host: "mx1.redhat.com",
      ip: "209.132.183.28",
    });
    expect(r.id).toBe("S1755398Ab0FYN07");
    const list = received("notmuch-1382298793.002270_2.eml", "listexpand");
    expect(list.via).toBe("listexpand");
    expect(list.by?.host).toBe("vger.kernel.org");
  });

  it("Exchange / Outlook.com: bare IPv6 in comments, 'with Microsoft SMTP Server', HTTPS", () => {
    const r = received("mimekit-messages-bounce.eml", "id 15.20.4909.8");
    expect(r.from).toEqual({
      helo: "LO4P123CA0318.GBRP123.PROD.OUTLOOK.COM",
      ip: "2603:10a6:600:197::17",
    });
    expect(r.by).toEqual({
      host: "LO0P123MB5470.GBRP123.PROD.OUTLOOK.COM",
      ip: "2603:10a6:600:21c::9",
    });
    expect(r.with).toBe("Microsoft SMTP Server");
    expect(r.tls).toBe("version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
    // The Exchange build number is the id, not an IPv4 address.
    expect(r.id).toBe("15.20.4909.8");

    const https = received("mimekit-messages-bounce.eml", "with HTTPS");
    expect(https.with).toBe("HTTPS");
    expect(https.tls).toBe("HTTPS");
    expect(https.date?.toISOString()).toBe("2022-01-26T09:06:52.000Z");

    const frontend = received("mimekit-messages-bounce.eml", "via Frontend");
    expect(frontend.via).toBe("Frontend");
  });

  it("Exchange 'with mapi' on ([::1])", () => {
    const r = received("phpmmp-mails-m0018.eml", "with mapi");
    expect(r.from).toEqual({ helo: "SRKREX01.kr.company.com", ip: "::1" });
    expect(r.by).toEqual({ host: "SRKREX01.kr.company.com", ip: "::1" });
    expect(r.with).toBe("mapi");
    expect(r.id).toBe("14.03.0123.003");
    expect(r.date?.toISOString()).toBe("2014-10-20T07:15:28.000Z");
  });

  it("Gmail: SMTPS with Google Transport Security, ESMTPSA, internal hops by IPv6", () => {
    const mx = received("mailpit-testdata-plain-text.eml", "by mx.google.com");
    expect(mx.from).toEqual({
      helo: "mail-sor-f41.google.com",
      host: "mail-sor-f41.google.com",
      ip: "209.85.220.41",
    });
    expect(mx.with).toBe("SMTPS");
    expect(mx.tls).toBe("Google Transport Security");
    expect(mx.for).toBe("recipient@example.com");

    const submit = received("mailpit-testdata-plain-text.eml", "by smtp.gmail.com");
    expect(submit.from).toEqual({ helo: "localhost.localhost", ip: "8.8.8.8" });
    expect(submit.with).toBe("ESMTPSA");
    expect(submit.tls).toBe("version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256");

    const internal = received("mailpit-testdata-plain-text.eml", "by 2002:a0c:fe87");
    expect(internal.from).toBeUndefined();
    expect(internal.by).toEqual({ ip: "2002:a0c:fe87:0:0:0:0:0" });
    expect(internal.date?.toISOString()).toBe("2022-07-27T03:45:20.000Z");

    const many = received("mailcore2-input-989-encoding-8.eml", "multiple recipients");
    expect(many.for).toBe("multiple recipients");
  });

  it("Gmail web submission: by IP with HTTP", () => {
    const r = received("notmuch-1382298775.002992_2.eml", "with HTTP");
    expect(r).toMatchObject({ by: { ip: "10.220.112.69" }, with: "HTTP" });
    expect(r.tls).toBeUndefined();
  });

  it("Dovecot LMTP: id then a lone ';' on the next line", () => {
    const r = received("mimekit-openpgp-_Announce_GnuPG_2.1.20_released.eml", "by dovpxy-asb-15o");
    expect(r.from).toEqual({ helo: "resimta-po-19v.sys.comcast.net", ip: "96.118.52.100" });
    expect(r.by?.host).toBe("dovpxy-asb-15o.email.comcast.net");
    expect(r.with).toBe("LMTP");
    expect(r.id).toBe("eJ0VAluy4lhERAAA4bp2Ug");
    expect(r.date?.toISOString()).toBe("2017-04-03T20:36:45.000Z");
  });

  it("ZoneMTA: the address literal outside the comment", () => {
    const r = received("mailparser-fixtures-nodemailer.eml", "ZoneMTA");
    expect(r.from).toEqual({ helo: "host29.guest.zone.eu", ip: "217.146.66.6" });
    expect(r.id).toBe("157bdd754f70005750.002");
  });

  it("Netscape Mail Server: no ';' before the date", () => {
    const r = received("mimekit-mbox-content-length-000.eml", "hedgehog.mcom.com");
    expect(r.for).toBe("atzet@netscape.com");
    expect(r.dateRaw).toBe("Sun, 21 Jul 1996 16:59:17 -0700");
    expect(r.date?.toISOString()).toBe("1996-07-21T23:59:17.000Z");
  });

  it("Smail: 'by' before 'from', bare IP in the comment, id in angle brackets", () => {
    const r = received("mime4j-mimetools-testmsgs-badbound.eml", "Smail3.1.29.1)");
    expect(r.by?.host).toBe("methan.chemie.fu-berlin.de");
    expect(r.from).toEqual({ helo: "franz.ww.TU-Berlin.DE", ip: "130.149.200.51" });
    expect(r.with).toBe("smtp");
    expect(r.id).toBe("<m0vbwzX-0009vcC>");
    expect(r.date?.toISOString()).toBe("1996-12-22T23:07:00.000Z");
  });
});

describe("parseReceived on garbage", () => {
  it("never throws and keeps the raw text", () => {
    const inputs = [
      "",
      ";",
      "from",
      "from (unterminated comment by x; Mon, 1 Jan 2024 00:00:00 +0000",
      'from "unterminated quote',
      "from [unterminated literal by x",
      "by <unterminated angle",
      ")))((( ;;; ]]]",
      "from a by b with c id d for e via f; not a date",
      "x".repeat(200_000),
      "from ((((((((((((((((((((((((((((((((((((( deeply nested",
    ];
    for (const input of inputs) {
      const r = parseReceived(input);
      expect(r.raw).toBe(input);
      expect(Array.isArray(r.comments)).toBe(true);
    }
  });

  it("reads the date even when a comment swallowed the ';'", () => {
    const r = parseReceived("from x (unterminated by y; Mon, 1 Jan 2024 10:00:00 +0100");
    expect(r.date?.toISOString()).toBe("2024-01-01T09:00:00.000Z");
    expect(r.from?.helo).toBe("x");
  });

  it("keeps what it could read when the date is not one", () => {
    const r = parseReceived("from a.example (b.example [192.0.2.1]) by c.example; yesterday");
    expect(r.date).toBeNull();
    expect(r.dateRaw).toBe("yesterday");
    expect(r.from).toEqual({ helo: "a.example", host: "b.example", ip: "192.0.2.1" });
  });

  it("does not take version numbers or Exchange ids for addresses", () => {
    const r = parseReceived(
      "from x (1.37.109.16/16.2) by y (8.8.5/8.8.5) id 15.20.4909.8; 1 Jan 2024 00:00 +0000",
    );
    expect(r.from?.ip).toBeUndefined();
    expect(r.by?.ip).toBeUndefined();
  });
});

describe("parseReceived over the whole corpus", () => {
  it("finds a date in nearly every Received field and a clause in every one with a ';'", () => {
    let total = 0;
    let dated = 0;
    for (const file of readdirSync(CORPUS_DIR).filter((f) => f.endsWith(".eml"))) {
      for (const field of fieldsNamed(corpusHeaders(file), "received")) {
        total++;
        const r = parseReceived(field.value);
        if (r.date) dated++;
        // RFC 5322 section 3.6.7: every Received ends with "; date-time".
        if (r.date && field.value.includes(";")) expect(r.dateRaw).not.toBe("");
      }
    }
    expect(total).toBeGreaterThan(1100);
    // The rest are mbox-split artefacts and fields that carry no date at all (NeXT Mailer).
    expect(dated / total).toBeGreaterThan(0.99);
  });
});
