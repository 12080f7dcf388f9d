/**
 * Whether the receiving side authenticated the domain in From — the only way a From address
 * means anything, since anyone can write one. DMARC pass for that domain settles it; without a
 * DMARC result, a DKIM pass whose signing domain is aligned with From's (RFC 7489 section
 * 3.1.1, relaxed: one is the other or a subdomain of it; organizational domains would need the
 * public suffix list, so a signer of a mere suffix like "com" is never taken) does. SPF is left
 * out: it vouches for the envelope sender, which From need not match.
 */
import type { TrustedAuthentication } from "./trusted-authentication.ts";

function domainOf(address: string): string {
  const at = address.lastIndexOf("@");
  return at < 0
    ? ""
    : address
        .slice(at + 1)
        .toLowerCase()
        .replace(/\.$/, "");
}

function aligned(fromDomain: string, signer: string): boolean {
  const d = signer.toLowerCase().replace(/^@/, "").replace(/\.$/, "");
  if (!d.includes(".")) return false;
  return fromDomain === d || fromDomain.endsWith(`.${d}`) || d.endsWith(`.${fromDomain}`);
}

export function fromDomainAuthenticated(
  trusted: TrustedAuthentication,
  fromAddress: string,
): boolean {
  const fromDomain = domainOf(fromAddress);
  if (!fromDomain) return false;
  const results = trusted.trusted.flatMap((t) => t.parsed.results);
  const dmarc = results.filter(
    (r) => r.method === "dmarc" && (r.properties["header.from"] ?? "").toLowerCase() === fromDomain,
  );
  if (dmarc.length > 0) return dmarc.some((r) => r.result === "pass");
  return results.some((r) => {
    if (r.method !== "dkim" || r.result !== "pass") return false;
    const signer = r.properties["header.d"] ?? domainOf(r.properties["header.i"] ?? "");
    return aligned(fromDomain, signer);
  });
}
