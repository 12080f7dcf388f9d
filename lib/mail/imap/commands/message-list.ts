/**
 * What a message list shows, in one FETCH: UID, flags, envelope (subject and names decoded),
 * size, arrival date, MIME structure and, when the server offers PREVIEW (RFC 8970), a snippet.
 * Ranges may be sequence numbers, so the newest page of a 100,000-message mailbox is
 * `newestRange(exists, 50)` without ever asking for every UID.
 */
import type { MimeNode } from "../../mime/structure.ts";
import type { ImapConnection } from "../connection.ts";
import type { Envelope } from "../envelope.ts";
import type { SequenceSetInput } from "../sequence-set.ts";
import { fetch } from "./fetch.ts";

export interface MessageSummary {
  seq: number;
  uid: number;
  flags: string[];
  envelope: Envelope | null;
  /** RFC822.SIZE: the message's size in octets. */
  size: number;
  internalDate: Date | null;
  bodyStructure: MimeNode | null;
  /** Up to 200 characters of text (RFC 8970), or null when the server offers no PREVIEW. */
  preview: string | null;
  /** CONDSTORE MODSEQ, when on. */
  modseq: bigint | null;
}

export interface MessageListOptions {
  /** The range is UIDs rather than sequence numbers. */
  byUid?: boolean;
  /** Ask for PREVIEW when offered; default true. */
  preview?: boolean;
  /** Ask for BODYSTRUCTURE; default true. */
  bodyStructure?: boolean;
}

/** Summaries, newest (highest sequence number) first. */
export async function fetchMessageList(
  conn: ImapConnection,
  range: SequenceSetInput,
  options: MessageListOptions = {},
): Promise<MessageSummary[]> {
  const results = await fetch(
    conn,
    range,
    {
      flags: true,
      envelope: true,
      bodyStructure: options.bodyStructure ?? true,
      internalDate: true,
      size: true,
      modseq: conn.enabled.has("CONDSTORE") || conn.enabled.has("QRESYNC"),
      preview: options.preview ?? true,
    },
    { byUid: options.byUid },
  );
  const summaries: MessageSummary[] = [];
  for (const r of results) {
    if (r.uid === undefined) continue;
    summaries.push({
      seq: r.seq,
      uid: r.uid,
      flags: r.flags ?? [],
      envelope: r.envelope ?? null,
      size: r.size ?? 0,
      internalDate: r.internalDate ?? null,
      bodyStructure: r.bodyStructure ?? null,
      preview: r.preview ?? null,
      modseq: r.modseq ?? null,
    });
  }
  return summaries.sort((a, b) => b.seq - a.seq);
}
