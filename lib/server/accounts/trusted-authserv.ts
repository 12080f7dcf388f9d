/**
 * Which Authentication-Results an account believes. Only the receiving side's results mean
 * anything (anyone upstream can write the field), and only the person knows their provider's
 * authserv-id; left empty, the topmost field's id is trusted (trusted-authentication.ts).
 */
import type { TrustedAuthservIds } from "../../mail/headers/index.ts";

/** An authserv-id as providers write them: a host name, sometimes with "_" (RFC 8601 §2.5). */
const AUTHSERV_ID = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,251}[A-Za-z0-9])?$/;
const MAX_IDS = 10;

export type AuthservIdsInput = { ok: true; ids: string[] } | { ok: false; message: string };

/** The ids typed in settings, separated by commas or spaces; each checked, none silently dropped. */
export function parseAuthservIds(text: string): AuthservIdsInput {
  const ids = [
    ...new Set(
      text
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((id) => id.toLowerCase()),
    ),
  ];
  const bad = ids.find((id) => !AUTHSERV_ID.test(id));
  if (bad !== undefined)
    return {
      ok: false,
      message: `“${bad.slice(0, 60)}” is not a server name. Use names like mx.example.com, separated by commas.`,
    };
  if (ids.length > MAX_IDS)
    return { ok: false, message: `Name at most ${MAX_IDS} servers (you gave ${ids.length}).` };
  return { ok: true, ids };
}

/** What the stored column means for "show original". */
export function trustedAuthservIdsOf(account: { trustedAuthservIds: string }): TrustedAuthservIds {
  const ids = account.trustedAuthservIds.split(" ").filter(Boolean);
  return ids.length > 0 ? ids : "topmost";
}

/** The stored list as the settings field shows it: "mx.example.com, relay.example.com". */
export function authservIdsText(account: { trustedAuthservIds: string }): string {
  const ids = trustedAuthservIdsOf(account);
  return ids === "topmost" ? "" : ids.join(", ");
}
