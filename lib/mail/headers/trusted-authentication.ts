/**
 * Which Authentication-Results to believe, and the SPF / DKIM / DMARC / ARC badges they give.
 *
 * Anyone can write an Authentication-Results field into a message they send; only the ones the
 * receiving side added mean anything (RFC 8601 section 7.2: forged header fields; section 5:
 * border MTAs must remove fields claiming their authserv-id, but not every server does). The
 * rule here is simple and stated in full:
 *
 * 1. Trusted authserv-ids are the configured list or, by default ("topmost"), the authserv-id of
 *    the topmost Authentication-Results field: the last one added, by the receiving side when
 *    it adds any. (If the receiving server adds none, the topmost one came from further away;
 *    configure the account's authserv-id to avoid trusting it.)
 * 2. The trust zone is the top of the header down to the first Received field, below the
 *    topmost trusted Authentication-Results, that was not added by a trusted host (its `by`
 *    is neither a trusted authserv-id nor a subdomain of one). Fields above that
 *    Authentication-Results were added later inside the receiving side (Gmail's internal
 *    "Received: by 10.x.y.z" hops); the boundary is where the message entered from outside.
 * 3. Trusted results are those of Authentication-Results fields in the zone whose authserv-id
 *    is trusted. A field below the boundary, whatever id it claims, is never used.
 *
 * ARC-Authentication-Results are not used for badges: they are only as good as an ARC chain
 * validation, which the trusted "arc=" result already reports.
 */
import {
  type AuthenticationResults,
  parseAuthenticationResults,
} from "./authentication-results.ts";
import { type HeaderFieldInput, isField } from "./header-field.ts";
import { parseReceived } from "./received.ts";

export type TrustedAuthservIds = readonly string[] | "topmost";

export type BadgeMethod = "spf" | "dkim" | "dmarc" | "arc";

export interface AuthBadge {
  method: BadgeMethod;
  /** Lower-case result ("pass", "fail", "softfail", "none", ...). */
  result: string;
  /** What was checked, as the server reported it ("smtp.mailfrom=a@b (comment)"). */
  detail: string;
}

export interface TrustedAuthentication {
  /** The authserv-ids trusted (lower-case); empty when the message has no A-R field. */
  authservIds: string[];
  /** The trusted fields, top first, with their position in the header block. */
  trusted: { index: number; parsed: AuthenticationResults }[];
  /** Positions of Authentication-Results fields that were not trusted. */
  ignored: number[];
  /** One badge per method present among trusted results, in the order spf, dkim, dmarc, arc. */
  badges: AuthBadge[];
}

const BADGE_METHODS: readonly BadgeMethod[] = ["spf", "dkim", "dmarc", "arc"];

/** Properties that say what each method checked, in order of preference. */
const IDENTITY: Record<BadgeMethod, readonly string[]> = {
  spf: ["smtp.mailfrom", "smtp.mail", "smtp.helo"],
  dkim: ["header.d", "header.i"],
  dmarc: ["header.from"],
  arc: ["smtp.remote-ip", "header.oldest-pass"],
};

function addedBy(host: string | undefined, ids: ReadonlySet<string>): boolean {
  if (!host) return false;
  const name = host.toLowerCase().replace(/\.$/, "");
  for (const id of ids) if (name === id || name.endsWith(`.${id}`)) return true;
  return false;
}

function describeResult(
  method: BadgeMethod,
  parsed: AuthenticationResults["results"][number],
): string {
  const parts: string[] = [];
  for (const key of IDENTITY[method]) {
    const value = parsed.properties[key];
    // A bounce has an empty MAIL FROM: SPF then checked the HELO name, which says more.
    if (value) {
      parts.push(`${key}=${value}`);
      break;
    }
  }
  if (parsed.reason) parts.push(`reason: ${parsed.reason}`);
  if (parsed.comment) parts.push(`(${parsed.comment})`);
  return parts.join(" ");
}

function badgesOf(trusted: TrustedAuthentication["trusted"]): AuthBadge[] {
  const all = trusted.flatMap(({ parsed }) => parsed.results);
  const badges: AuthBadge[] = [];
  for (const method of BADGE_METHODS) {
    const results = all.filter((r) => r.method === method);
    const first = results[0];
    if (!first) continue;
    // A message can carry several DKIM signatures; one that passes is what DMARC needs, so
    // DKIM is "pass" when any passes. Other methods give one verdict: the topmost.
    const chosen = method === "dkim" ? (results.find((r) => r.result === "pass") ?? first) : first;
    const detail =
      method === "dkim" && results.length > 1
        ? results.map((r) => `${r.result} ${describeResult(method, r)}`.trim()).join("; ")
        : describeResult(method, chosen);
    badges.push({ method, result: chosen.result, detail });
  }
  return badges;
}

export function trustedAuthenticationResults(
  fields: readonly HeaderFieldInput[],
  trustedAuthservIds: TrustedAuthservIds = "topmost",
): TrustedAuthentication {
  const all: { index: number; parsed: AuthenticationResults }[] = [];
  fields.forEach((field, index) => {
    if (isField(field, "authentication-results")) {
      all.push({ index, parsed: parseAuthenticationResults(field.value) });
    }
  });
  const ids = new Set(
    trustedAuthservIds === "topmost"
      ? all.slice(0, 1).map((a) => a.parsed.authservId.toLowerCase())
      : trustedAuthservIds.map((id) => id.toLowerCase()),
  );
  const isTrustedId = (a: { parsed: AuthenticationResults }) =>
    ids.has(a.parsed.authservId.toLowerCase());

  const start = all.find(isTrustedId)?.index;
  let boundary = fields.length;
  if (start !== undefined) {
    for (let i = start + 1; i < fields.length; i++) {
      const field = fields[i]!;
      if (!isField(field, "received")) continue;
      if (!addedBy(parseReceived(field.value).by?.host, ids)) {
        boundary = i;
        break;
      }
    }
  }
  const trusted =
    start === undefined ? [] : all.filter((a) => a.index < boundary && isTrustedId(a));
  const trustedIndices = new Set(trusted.map((a) => a.index));
  return {
    authservIds: [...ids],
    trusted,
    ignored: all.filter((a) => !trustedIndices.has(a.index)).map((a) => a.index),
    badges: badgesOf(trusted),
  };
}
