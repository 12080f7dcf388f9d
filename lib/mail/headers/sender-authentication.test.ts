import { describe, expect, it } from "vitest";
import { fromDomainAuthenticated } from "./sender-authentication.ts";
import { trustedAuthenticationResults } from "./trusted-authentication.ts";

const ar = (value: string) => ({ name: "Authentication-Results", raw: value, value });
const received = (by: string) => {
  const value = `from relay.example.net by ${by} with ESMTPS id 1; Mon, 23 Nov 2026 09:00:00 +0000`;
  return { name: "Received", raw: value, value };
};

function verified(
  fields: ReturnType<typeof ar>[],
  from: string,
  ids: string[] | "topmost" = "topmost",
) {
  return fromDomainAuthenticated(trustedAuthenticationResults(fields, ids), from);
}

describe("fromDomainAuthenticated", () => {
  it("takes a DMARC pass for From's domain", () => {
    expect(
      verified(
        [
          ar(
            "mx.example.test; spf=pass smtp.mailfrom=b.example.com; dmarc=pass header.from=news.example.com",
          ),
        ],
        "Hello@News.Example.com",
      ),
    ).toBe(true);
  });

  it("refuses a DMARC fail even when DKIM passed for the domain", () => {
    expect(
      verified(
        [
          ar(
            "mx.example.test; dkim=pass header.d=news.example.com; dmarc=fail header.from=news.example.com",
          ),
        ],
        "hello@news.example.com",
      ),
    ).toBe(false);
  });

  it("without DMARC, takes an aligned DKIM pass and refuses an unaligned one", () => {
    const fields = [ar("mx.example.test; dkim=pass header.d=example.com header.s=s1")];
    expect(verified(fields, "hello@news.example.com")).toBe(true);
    expect(verified(fields, "hello@example.org")).toBe(false);
    expect(verified([ar("mx.example.test; dkim=pass header.d=com")], "a@example.com")).toBe(false);
    expect(
      verified([ar("mx.example.test; dkim=pass header.i=@example.com")], "a@example.com"),
    ).toBe(true);
  });

  it("does not count SPF, nor a DMARC pass for another domain", () => {
    expect(
      verified([ar("mx.example.test; spf=pass smtp.mailfrom=a@example.com")], "a@example.com"),
    ).toBe(false);
    expect(
      verified([ar("mx.example.test; dmarc=pass header.from=attacker.example")], "ceo@example.com"),
    ).toBe(false);
  });

  it("ignores results the receiving side did not write", () => {
    // A field forged below the account's server: only mx.example.test is trusted.
    const fields = [
      ar("mx.example.test; dmarc=fail header.from=example.com"),
      received("mx.example.test"),
      received("relay.attacker.example"),
      ar("mx.example.test; dmarc=pass header.from=example.com"),
    ];
    expect(verified(fields, "ceo@example.com", ["mx.example.test"])).toBe(false);
    expect(
      verified([ar("evil.example; dmarc=pass header.from=example.com")], "ceo@example.com", [
        "mx.example.test",
      ]),
    ).toBe(false);
    expect(verified([], "ceo@example.com")).toBe(false);
  });
});
