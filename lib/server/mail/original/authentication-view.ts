/**
 * The authentication badges and what they rest on. Only Authentication-Results added by the
 * receiving side count (RFC 8601 section 7.2; the rule is lib/mail/headers'
 * trusted-authentication.ts): by default the authserv-id of the topmost field, or the ids an
 * account is configured with. The view names the id it trusted and counts the fields it did
 * not, so a forged "dkim=pass" further down is visibly set aside rather than silently dropped.
 */
import {
  type HeaderFieldInput,
  isField,
  parseAuthenticationResults,
  type TrustedAuthservIds,
  trustedAuthenticationResults,
} from "../../../mail/headers/index.ts";
import type { AuthView } from "./original-view.ts";

export function authenticationView(
  fields: readonly HeaderFieldInput[],
  trustedIds: TrustedAuthservIds = "topmost",
): AuthView {
  const trusted = trustedAuthenticationResults(fields, trustedIds);
  const ignored = new Set(trusted.ignored);
  const ignoredIds: string[] = [];
  fields.forEach((field, index) => {
    if (!ignored.has(index) || !isField(field, "authentication-results")) return;
    const id = parseAuthenticationResults(field.value).authservId.toLowerCase();
    if (!ignoredIds.includes(id)) ignoredIds.push(id);
  });
  return {
    mode: trustedIds === "topmost" ? "topmost" : "configured",
    authservIds: trusted.authservIds,
    badges: trusted.badges.map((badge) => ({ ...badge })),
    fieldCount: trusted.trusted.length + trusted.ignored.length,
    trustedCount: trusted.trusted.length,
    ignoredIds,
  };
}
