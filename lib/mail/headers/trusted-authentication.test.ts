import { describe, expect, it } from "vitest";
import type { HeaderFieldInput } from "./header-field.ts";
import { corpusHeaders } from "./testing/corpus-headers.ts";
import { trustedAuthenticationResults } from "./trusted-authentication.ts";

const field = (name: string, value: string): HeaderFieldInput => ({
  name,
  raw: `${name}: ${value}`,
  value,
});

/** Inserts `extra` just before the first field named `before`. */
function insertBefore(fields: HeaderFieldInput[], before: string, extra: HeaderFieldInput) {
  const at = fields.findIndex((f) => f.name === before);
  return [...fields.slice(0, at), extra, ...fields.slice(at)];
}

describe("trustedAuthenticationResults", () => {
  it("Gmail: trusts mx.google.com's field below its own Received and the internal hop above it", () => {
    const fields = corpusHeaders("mailpit-testdata-plain-text.eml");
    const t = trustedAuthenticationResults(fields);
    expect(t.authservIds).toEqual(["mx.google.com"]);
    expect(t.trusted.map((a) => fields[a.index]!.name)).toEqual(["Authentication-Results"]);
    expect(t.ignored).toEqual([]);
    expect(t.badges).toEqual([
      {
        method: "spf",
        result: "pass",
        detail:
          "smtp.mailfrom=sender@example.com (google.com: domain of sender@example.com designates 209.85.220.41 as permitted sender)",
      },
      { method: "dkim", result: "pass", detail: "header.i=@gmail.com" },
      {
        method: "dmarc",
        result: "pass",
        detail: "header.from=gmail.com (p=NONE sp=QUARANTINE dis=NONE)",
      },
    ]);
  });

  it("never trusts the sender's own field lower down (real: mail.highsecure.ru's auth=pass)", () => {
    const fields = corpusHeaders("rspamd-dmarc-bad_dkim_highsecure.eml");
    const t = trustedAuthenticationResults(fields);
    expect(t.trusted.map((a) => a.parsed.authservId)).toEqual(["mx.google.com"]);
    expect(t.ignored).toHaveLength(1);
    expect(fields[t.ignored[0]!]!.value).toMatch(/^mail\.highsecure\.ru;/);
    expect(t.badges.map((b) => `${b.method}=${b.result}`)).toEqual(["spf=pass", "dkim=pass"]);
  });

  it("ignores a forged field that claims the receiver's authserv-id below the sender's Received", () => {
    // Constructed from a real Gmail message: the test adds, below the sender's submission hop
    // (Received ... by smtp.gmail.com), a field claiming to be mx.google.com's.
    const forged = field(
      "Authentication-Results",
      "mx.google.com; spf=pass smtp.mailfrom=ceo@bank.example; dkim=pass header.d=bank.example;" +
        " dmarc=pass header.from=bank.example; arc=pass (i=1)",
    );
    const fields = insertBefore(corpusHeaders("mailpit-testdata-plain-text.eml"), "Date", forged);
    const t = trustedAuthenticationResults(fields);
    const forgedIndex = fields.indexOf(forged);
    expect(t.ignored).toEqual([forgedIndex]);
    expect(t.trusted.map((a) => a.index)).not.toContain(forgedIndex);
    expect(t.badges.map((b) => `${b.method}=${b.result}`)).toEqual([
      "spf=pass",
      "dkim=pass",
      "dmarc=pass",
    ]);
    expect(t.badges.some((b) => b.detail.includes("bank.example"))).toBe(false);
    expect(t.badges.some((b) => b.method === "arc")).toBe(false);
  });

  it("with a configured authserv-id, trusts nothing when the receiver added no field", () => {
    // The message's only A-R fields were written elsewhere: "topmost" would believe them, a
    // configured id does not.
    const fields = corpusHeaders("rspamd-dmarc-bad_dkim_highsecure.eml");
    const t = trustedAuthenticationResults(fields, ["mx.example.org"]);
    expect(t.authservIds).toEqual(["mx.example.org"]);
    expect(t.trusted).toEqual([]);
    expect(t.ignored).toHaveLength(2);
    expect(t.badges).toEqual([]);
  });

  it("SpamAssassin's trust test: the zone ends at the first Received not added by a trusted host", () => {
    const fields = corpusHeaders("spamassassin-nice-authres.eml");
    const ids = (t: ReturnType<typeof trustedAuthenticationResults>) =>
      t.trusted.map((a) => a.parsed.authservId);

    // Default: only the topmost id.
    const topmost = trustedAuthenticationResults(fields);
    expect(ids(topmost)).toEqual(["authrestest1int"]);
    expect(topmost.badges).toEqual([
      { method: "spf", result: "pass", detail: "smtp.mailfrom=bounce.example.org" },
      {
        method: "dkim",
        result: "pass",
        detail: "pass header.i=@example.org; fail header.i=@another.signing.domain.example",
      },
    ]);

    // All ids trusted: the fields below "Received: (from jm@localhost) by dogma.slashnull.org"
    // are still out, because dogma.slashnull.org is not a trusted host.
    const all = [1, 2, 3, 4, 5, 6].map((n) => `authrestest${n}int`);
    all.push("authrestest7tru", "authrestest8ext");
    expect(ids(trustedAuthenticationResults(fields, all))).toEqual(all.slice(0, 6));

    // Trust dogma.slashnull.org's hops too: 7tru (added between its hops) comes in; 8ext, below
    // the hop trna.ximian.com added, stays out.
    const wider = trustedAuthenticationResults(fields, [...all, "dogma.slashnull.org"]);
    expect(ids(wider)).toEqual(all.slice(0, 7));
    expect(wider.ignored).toHaveLength(1);
    expect(fields[wider.ignored[0]!]!.value).toMatch(/^authrestest8ext;/);
  });

  it("Microsoft 365 without an authserv-id, Received above it from inside Exchange Online", () => {
    const fields = corpusHeaders("mimekit-messages-bounce.eml");
    const t = trustedAuthenticationResults(fields);
    expect(t.authservIds).toEqual([""]);
    expect(t.trusted).toHaveLength(1);
    expect(t.badges).toEqual([
      {
        method: "spf",
        result: "none",
        detail: "smtp.helo=dispatchb-eu1.ppe-hosted.com (sender IP is 185.132.181.12)",
      },
      { method: "dkim", result: "none", detail: "header.d=none (message not signed)" },
      { method: "dmarc", result: "fail", detail: "header.from=hmail.jitbit.com" },
    ]);
  });

  it("Fastmail: four fields from one authserv-id, a bounce's SPF on the HELO name", () => {
    const t = trustedAuthenticationResults(corpusHeaders("postalmime-fixtures-bounce.eml"));
    expect(t.trusted).toHaveLength(4);
    expect(t.badges).toEqual([
      { method: "spf", result: "pass", detail: "smtp.helo=out1-smtp.messagingengine.com" },
      { method: "dkim", result: "none", detail: "(no signatures found)" },
      {
        method: "dmarc",
        result: "pass",
        detail: "header.from=messagingengine.com (p=none,d=none,d.eval=none)",
      },
      { method: "arc", result: "none", detail: "(no signatures found)" },
    ]);
  });

  it("accepts Received fields by a subdomain of the authserv-id, and ids in any case", () => {
    const fields = [
      field("Authentication-Results", "Example.NET; dmarc=pass header.from=example.net"),
      field(
        "Received",
        "from a.example (a.example [192.0.2.1]) by MX1.example.net; 1 Jan 2024 00:00 +0000",
      ),
      field("Authentication-Results", "example.net; dkim=pass header.d=example.net"),
      field("Received", "from laptop by smtp.sender.example; 1 Jan 2024 00:00 +0000"),
      field("Authentication-Results", "example.net; spf=pass smtp.mailfrom=x@sender.example"),
    ];
    const t = trustedAuthenticationResults(fields, ["example.net"]);
    expect(t.trusted.map((a) => a.index)).toEqual([0, 2]);
    expect(t.ignored).toEqual([4]);
    expect(t.badges.map((b) => b.method)).toEqual(["dkim", "dmarc"]);
  });

  it("is empty for a message without Authentication-Results", () => {
    const t = trustedAuthenticationResults(corpusHeaders("mimekit-mbox-content-length-000.eml"));
    expect(t).toEqual({ authservIds: [], trusted: [], ignored: [], badges: [] });
  });
});
