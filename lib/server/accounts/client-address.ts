/**
 * The address a request came from, for counting sign-in attempts per client.
 *
 * Server actions are not given the connection's peer address. `next start` writes it into
 * X-Forwarded-For, but only when the request did not bring that header itself, so what the
 * header holds is the peer's address for an ordinary client and whatever a client chose to
 * send otherwise:
 * - LETTERBOX_TRUST_PROXY=1 (a reverse proxy in front that appends the address it saw): the
 *   last entry is that address, whatever the client put before it.
 * - otherwise, a single address is taken as the peer's. A client that sends its own header can
 *   pick its own key this way; the per-user-name count and the host policy still hold for it.
 *   Anything else (a list, garbage) counts under one shared key, "unknown".
 */
import net from "node:net";

export const UNKNOWN_CLIENT = "unknown";

/** An address as a key: IPv4-mapped IPv6 as its IPv4 form, IPv6 in lower case. */
function asAddress(text: string | undefined): string | null {
  const bare = text?.trim().replace(/^\[(.*)\]$/, "$1") ?? "";
  if (!net.isIP(bare)) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  return mapped ? mapped[1]! : bare.toLowerCase();
}

export function clientAddress(
  headers: { get(name: string): string | null },
  env: Record<string, string | undefined> = process.env,
): string {
  const forwarded = (headers.get("x-forwarded-for") ?? "").split(",");
  const trustProxy = ["1", "true"].includes(env.LETTERBOX_TRUST_PROXY?.trim() ?? "");
  if (trustProxy) return asAddress(forwarded.at(-1)) ?? UNKNOWN_CLIENT;
  return (forwarded.length === 1 && asAddress(forwarded[0])) || UNKNOWN_CLIENT;
}
