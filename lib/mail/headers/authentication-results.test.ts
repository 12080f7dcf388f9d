import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  parseArcAuthenticationResults,
  parseAuthenticationResults,
} from "./authentication-results.ts";
import { fieldsNamed } from "./header-field.ts";
import { CORPUS_DIR, corpusHeaders } from "./testing/corpus-headers.ts";

const authResults = (file: string) =>
  fieldsNamed(corpusHeaders(file), "authentication-results").map((f) =>
    parseAuthenticationResults(f.value),
  );
const arcResults = (file: string) =>
  fieldsNamed(corpusHeaders(file), "arc-authentication-results").map((f) =>
    parseArcAuthenticationResults(f.value),
  );

describe("parseAuthenticationResults", () => {
  it("Gmail: dkim, spf with a comment, dmarc with its policy comment", () => {
    const [ar] = authResults("mailpit-testdata-plain-text.eml");
    expect(ar!.authservId).toBe("mx.google.com");
    expect(ar!.version).toBeUndefined();
    expect(ar!.results).toEqual([
      {
        method: "dkim",
        result: "pass",
        properties: { "header.i": "@gmail.com", "header.s": "20210112", "header.b": "fpxRepVP" },
      },
      {
        method: "spf",
        result: "pass",
        properties: { "smtp.mailfrom": "sender@example.com" },
        comment:
          "google.com: domain of sender@example.com designates 209.85.220.41 as permitted sender",
      },
      {
        method: "dmarc",
        result: "pass",
        properties: { "header.from": "gmail.com" },
        comment: "p=NONE sp=QUARANTINE dis=NONE",
      },
    ]);
  });

  it("SpamAssassin's test cases: version, reason with CFWS and a quoted value, escapes, ';' in a comment", () => {
    const all = authResults("spamassassin-nice-authres.eml");
    // "Authentication-RESULTS" and "authentication-Results" are the same field.
    expect(all.map((a) => a.authservId)).toEqual([
      "authrestest1int",
      "authrestest2int",
      "authrestest3int",
      "authrestest4int",
      "authrestest5int",
      "authrestest6int",
      "authrestest7tru",
      "authrestest8ext",
    ]);
    expect(all[0]!.results.map((r) => [r.method, r.result, r.properties["header.i"]])).toEqual([
      ["spf", "pass", undefined],
      ["dkim", "pass", "@example.org"],
      ["dkim", "fail", "@another.signing.domain.example"],
    ]);
    // authrestest4int 2; spf=fail reason (BAH) = "just some (<>.%&! reason" smtp.mailfrom=...
    expect(all[3]!.version).toBe("2");
    expect(all[3]!.results).toEqual([
      {
        method: "spf",
        result: "fail",
        reason: "just some (<>.%&! reason",
        comment: "BAH",
        properties: { "smtp.mailfrom": "dogma.slashnull.org" },
      },
    ]);
    // dkim=pass (2048-bit key; unprotected) header.d=gmail.com ...;
    expect(all[4]!.results).toHaveLength(1);
    expect(all[4]!.results[0]!.comment).toBe("2048-bit key; unprotected");
    expect(all[4]!.results[0]!.properties["header.d"]).toBe("gmail.com");
    // header.i=" foo bar \"xyz\"@gmail.com"
    expect(all[5]!.results[0]!.properties["header.i"]).toBe(' foo bar "xyz"@gmail.com');
    expect(all[5]!.results[0]!.properties["header.b"]).toBe("SI+iqkld");
  });

  it("Microsoft 365: no authserv-id, or a bare one in a later segment", () => {
    const [exo] = authResults("mimekit-messages-bounce.eml");
    expect(exo!.authservId).toBe("");
    expect(exo!.results.map((r) => [r.method, r.result])).toEqual([
      ["spf", "none"],
      ["dkim", "none"],
      ["dmarc", "fail"],
      ["compauth", "softpass"],
    ]);
    expect(exo!.results[0]!.properties).toEqual({ "smtp.helo": "dispatchb-eu1.ppe-hosted.com" });
    expect(exo!.results[2]!.properties).toEqual({
      action: "none",
      "header.from": "hmail.jitbit.com",
    });
    expect(exo!.results[3]!.reason).toBe("202");

    const [o365] = authResults("sisimai-bsd-lhost-office365-12.eml");
    expect(o365!.authservId).toBe("outlook.com");
    expect(o365!.results.map((r) => `${r.method}=${r.result}`)).toEqual([
      "spf=pass",
      "dkim=none",
      "dmarc=pass",
    ]);
  });

  it("old Yahoo: junk after the id and 'from=' segments are skipped", () => {
    const yahoo = authResults("mailcore2-input-4925-japanese.eml")[1]!;
    expect(yahoo.authservId).toBe("mta1021.mail.ird.yahoo.com");
    expect(yahoo.results).toEqual([
      { method: "domainkeys", result: "neutral", properties: {}, comment: "no sig" },
      { method: "dkim", result: "neutral", properties: {}, comment: "no sig" },
    ]);
  });

  it("Fastmail: many policy.* properties, a value with '=' signs, an empty quoted value", () => {
    const last = authResults("postalmime-fixtures-bounce.eml")[3]!;
    const dmarc = last.results.find((r) => r.method === "dmarc")!;
    expect(dmarc.properties["policy.published-domain-policy"]).toBe("none");
    expect(dmarc.properties["header.from"]).toBe("messagingengine.com");
    const spf = last.results.find((r) => r.method === "spf")!;
    expect(spf.properties).toEqual({
      "smtp.mailfrom": "",
      "smtp.helo": "out1-smtp.messagingengine.com",
    });
    const [nodemailer] = authResults("mailparser-fixtures-nodemailer.eml");
    expect(nodemailer!.results[1]!.properties["smtp.mailfrom"]).toBe(
      "SRS0=63fc=V7=kreata.ee=andris@srs1.zonevs.eu",
    );
  });

  it("reads CFWS around '=' and method versions", () => {
    const ar = parseAuthenticationResults(
      'example.org 1; dkim/1 = pass (good) header.d=x.example; spf= "pass" smtp.mailfrom =a@b',
    );
    expect(ar.version).toBe("1");
    expect(ar.results[0]).toMatchObject({ method: "dkim", methodVersion: "1", result: "pass" });
    expect(ar.results[1]).toMatchObject({
      method: "spf",
      result: "pass",
      properties: { "smtp.mailfrom": "a@b" },
    });
  });

  it("never throws on garbage", () => {
    for (const value of [
      "",
      ";",
      ";;;",
      "(((",
      '"',
      "= = =",
      "a; =b; c=; (x)=y",
      "x".repeat(100_000),
    ]) {
      const ar = parseAuthenticationResults(value);
      expect(ar.raw).toBe(value);
      expect(Array.isArray(ar.results)).toBe(true);
    }
  });

  it("parses every Authentication-Results field of the corpus into known results", () => {
    let fields = 0;
    let results = 0;
    for (const file of readdirSync(CORPUS_DIR).filter((f) => f.endsWith(".eml"))) {
      for (const ar of authResults(file)) {
        fields++;
        results += ar.results.length;
        for (const r of ar.results) {
          expect(r.method).toMatch(/^[a-z0-9][a-z0-9_-]*$/);
          expect(r.result).toMatch(/^[a-z0-9][a-z0-9_-]*$/);
        }
      }
    }
    expect(fields).toBeGreaterThan(80);
    expect(results).toBeGreaterThan(fields);
  });
});

describe("parseArcAuthenticationResults", () => {
  it("reads the instance and the payload (RFC 8617 section 4.1.1)", () => {
    const [i2, i1] = arcResults("rspamd-messages-arcallow.eml");
    expect(i2!.instance).toBe(2);
    expect(i2!.authservId).toBe("mx.google.com");
    expect(i2!.results.map((r) => `${r.method}=${r.result}`)).toEqual([
      "dkim=pass",
      "arc=pass",
      "spf=pass",
      "dmarc=pass",
    ]);
    expect(i2!.results[1]!.comment).toBe("i=1");
    // i=1; mx.microsoft.com 1; spf=none; dmarc=none; dkim=none; arc=none
    expect(i1!.instance).toBe(1);
    expect(i1!.authservId).toBe("mx.microsoft.com");
    expect(i1!.version).toBe("1");
    expect(i1!.results).toHaveLength(4);
  });

  it("reads the explicit 'none' (no-result)", () => {
    const [arc] = arcResults("notmuch-broken-empty-part.eml");
    expect(arc).toMatchObject({ instance: 1, authservId: "mx1.freebsd.org", noResult: true });
    expect(arc!.results).toEqual([]);
  });
});
