/**
 * CAPA (RFC 2449 section 5) as capabilities. A server without CAPA (plain RFC 1939) answers
 * -ERR; then `known` is false and the client falls back to what RFC 1939 guarantees. After STLS
 * the list is asked for again (RFC 2595 section 4).
 */
export interface Pop3Capabilities {
  /** The server answered CAPA. */
  known: boolean;
  top: boolean;
  uidl: boolean;
  /** USER/PASS login (RFC 2449 section 6.2). */
  user: boolean;
  /** SASL mechanisms (RFC 5034), upper case. */
  sasl: string[];
  /** STLS (RFC 2595 section 4). */
  stls: boolean;
  pipelining: boolean;
  /** RFC 2449 RESP-CODES and RFC 3206 AUTH-RESP-CODE. */
  respCodes: boolean;
  authRespCode: boolean;
  /** LOGIN-DELAY seconds, when announced. */
  loginDelay?: number;
  /** EXPIRE: days, "NEVER", or undefined. */
  expire?: string;
  implementation?: string;
  /** Every tag (upper case) with its arguments. */
  raw: ReadonlyMap<string, readonly string[]>;
}

export function parseCapabilities(lines: readonly string[] | null): Pop3Capabilities {
  const raw = new Map<string, string[]>();
  for (const line of lines ?? []) {
    const [tag = "", ...args] = line.trim().split(/\s+/);
    if (tag) raw.set(tag.toUpperCase(), args);
  }
  const delay = raw.get("LOGIN-DELAY")?.[0];
  return {
    known: lines !== null,
    top: raw.has("TOP"),
    uidl: raw.has("UIDL"),
    user: raw.has("USER"),
    sasl: (raw.get("SASL") ?? []).map((m) => m.toUpperCase()),
    stls: raw.has("STLS"),
    pipelining: raw.has("PIPELINING"),
    respCodes: raw.has("RESP-CODES"),
    authRespCode: raw.has("AUTH-RESP-CODE"),
    loginDelay: delay && /^\d+$/.test(delay) ? Number(delay) : undefined,
    expire: raw.get("EXPIRE")?.[0],
    implementation: raw.get("IMPLEMENTATION")?.join(" "),
    raw,
  };
}
