/**
 * The EHLO reply as capabilities (RFC 5321 section 4.1.1.1): the first line names the server,
 * each further line is "keyword [params]". Keywords are case-insensitive. Capabilities are only
 * valid for the session they came from: after STARTTLS they are discarded and asked for again
 * (RFC 3207 section 4.2), which is why this is a pure function of one reply.
 */
import type { SmtpReply } from "./reply.ts";

export interface SmtpCapabilities {
  /** "EHLO" when the server speaks ESMTP; "HELO" when it refused EHLO (no extensions). */
  greetingCommand: "EHLO" | "HELO";
  /** The name the server gave in the first line of its EHLO/HELO reply. */
  serverName: string;
  /**
   * RFC 1870 SIZE: the largest message the server takes, in bytes; 0 means SIZE is offered
   * without a fixed limit; undefined means SIZE is not offered.
   */
  size?: number;
  /** RFC 6152 8BITMIME. */
  eightBitMime: boolean;
  /** RFC 6531 SMTPUTF8: UTF-8 in addresses and headers. */
  smtpUtf8: boolean;
  /** RFC 2920 PIPELINING. */
  pipelining: boolean;
  /** RFC 3207 STARTTLS. */
  startTls: boolean;
  /** RFC 4954 AUTH mechanisms, upper case; empty when AUTH is not offered. */
  auth: string[];
  /** RFC 2034 ENHANCEDSTATUSCODES. */
  enhancedStatusCodes: boolean;
  /** RFC 3461 DSN. */
  dsn: boolean;
  /** RFC 3030 CHUNKING (BDAT). */
  chunking: boolean;
  /** RFC 3030 BINARYMIME. */
  binaryMime: boolean;
  /** Every keyword (upper case) with its parameters, for anything not modelled above. */
  extensions: ReadonlyMap<string, readonly string[]>;
}

export function parseEhloReply(reply: SmtpReply, command: "EHLO" | "HELO"): SmtpCapabilities {
  const [first = "", ...rest] = reply.lines;
  const extensions = new Map<string, string[]>();
  for (const line of rest) {
    // "AUTH=PLAIN LOGIN" is the pre-RFC 4954 spelling some servers still send beside "AUTH".
    const [keyword = "", ...params] = line.trim().split(/[ =]+/);
    if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(keyword)) continue;
    const key = keyword.toUpperCase();
    extensions.set(key, [...(extensions.get(key) ?? []), ...params.filter(Boolean)]);
  }
  const has = (key: string) => extensions.has(key);
  const auth = [...new Set((extensions.get("AUTH") ?? []).map((m) => m.toUpperCase()))];
  return {
    greetingCommand: command,
    serverName: first.split(" ")[0] ?? "",
    size: parseSize(extensions.get("SIZE")),
    eightBitMime: has("8BITMIME"),
    smtpUtf8: has("SMTPUTF8"),
    pipelining: has("PIPELINING"),
    startTls: has("STARTTLS"),
    auth,
    enhancedStatusCodes: has("ENHANCEDSTATUSCODES"),
    dsn: has("DSN"),
    chunking: has("CHUNKING"),
    binaryMime: has("BINARYMIME"),
    extensions,
  };
}

/** The capabilities of a server that answered HELO only: plain RFC 821 SMTP. */
export function heloCapabilities(reply: SmtpReply): SmtpCapabilities {
  return parseEhloReply({ ...reply, lines: reply.lines.slice(0, 1) }, "HELO");
}

/** Extensions a caller may switch off (for servers that advertise but mishandle them). */
export type SmtpExtensionName = "PIPELINING" | "CHUNKING" | "8BITMIME" | "SMTPUTF8" | "SIZE";

export function withoutExtensions(
  capabilities: SmtpCapabilities,
  ignored: readonly SmtpExtensionName[],
): SmtpCapabilities {
  if (ignored.length === 0) return capabilities;
  const off = new Set(ignored);
  return {
    ...capabilities,
    pipelining: capabilities.pipelining && !off.has("PIPELINING"),
    chunking: capabilities.chunking && !off.has("CHUNKING"),
    eightBitMime: capabilities.eightBitMime && !off.has("8BITMIME"),
    smtpUtf8: capabilities.smtpUtf8 && !off.has("SMTPUTF8"),
    size: off.has("SIZE") ? undefined : capabilities.size,
  };
}

/** RFC 1870 section 4: "SIZE" alone, or "SIZE n" with n the limit (0 = no fixed limit). */
function parseSize(params: string[] | undefined): number | undefined {
  if (!params) return undefined;
  const value = params[0];
  if (value === undefined) return 0;
  return /^\d{1,15}$/.test(value) ? Number(value) : 0;
}
