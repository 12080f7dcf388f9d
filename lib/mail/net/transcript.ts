/**
 * A record of both directions of a conversation, the view an RFC's example session gives,
 * with credentials never written down. Protocol clients mark what they send as sensitive
 * (they know when a line carries a password or a SASL payload); the patterns below are a
 * second line of defence for anything a client forgets to mark.
 */
export type Direction = "C" | "S";

export type TranscriptSink = (direction: Direction, text: string) => void;

const MAX_SHOWN = 2048;

const CREDENTIAL_PATTERNS: RegExp[] = [
  // IMAP: tag LOGIN user password / tag AUTHENTICATE mech initial-response
  /^(\S+ LOGIN) .*/i,
  /^(\S+ AUTHENTICATE \S+) .+/i,
  // POP3: PASS secret / APOP name digest; SMTP and POP3: AUTH mech initial-response
  /^(PASS) .*/i,
  /^(APOP \S+) .*/i,
  /^(AUTH \S+) .+/i,
];

/** Replace credentials in one client line; other lines come back unchanged. */
export function redactLine(line: string): string {
  for (const pattern of CREDENTIAL_PATTERNS) {
    const match = pattern.exec(line);
    if (match) return `${match[1]} [redacted]`;
  }
  return line;
}

/** Render bytes for a transcript: printable text, long payloads summarised. */
export function describeBytes(data: Uint8Array): string {
  const text = Buffer.from(data.buffer, data.byteOffset, Math.min(data.length, MAX_SHOWN))
    .toString("latin1")
    .replace(/\r\n$/, "");
  return data.length > MAX_SHOWN ? `${text}… [${data.length} bytes in all]` : text;
}

/** A sink that writes "C: ..." / "S: ..." lines to a stream, as RFC examples show sessions. */
export function streamTranscript(write: (line: string) => void): TranscriptSink {
  return (direction, text) => {
    for (const line of text.split(/\r?\n/)) write(`${direction}: ${line}\n`);
  };
}
