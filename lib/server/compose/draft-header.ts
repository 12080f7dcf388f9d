/**
 * What a draft must remember that a message has no header for: its Bcc (the builder never
 * writes one, RFC 5322 section 3.6.3), recipients not valid yet (no header can hold them), the
 * identity, HTML or plain text, and the message it answers (to flag it once sent). Kept in one
 * header of the draft, `X-Letterbox-Draft`, as base64url JSON in space-separated chunks
 * (folded lines stay short; spaces are dropped when read). Only drafts carry it: a sent
 * message never does. Read back as hostile input: any draft in the folder may have been
 * written by another program.
 */
import { z } from "zod";
import type { BodyFormat, ComposeOrigin } from "./compose-view.ts";
import { MAX_RECIPIENTS } from "./limits.ts";
import { composeOriginSchema, personSchema } from "./wire-schemas.ts";

export const DRAFT_HEADER = "X-Letterbox-Draft";

const metaSchema = z.object({
  v: z.literal(1),
  format: z.enum(["html", "plain"]),
  identityId: z.string().max(64).nullable(),
  bcc: z.array(personSchema).max(MAX_RECIPIENTS),
  invalid: z.array(personSchema.extend({ field: z.enum(["to", "cc", "bcc"]) })).max(MAX_RECIPIENTS),
  origin: composeOriginSchema.nullable(),
});

export interface DraftMeta {
  format: BodyFormat;
  identityId: string | null;
  /** Valid Bcc recipients. */
  bcc: { name: string; address: string }[];
  /** Recipients typed but not valid yet: a header cannot hold them, the draft must keep them. */
  invalid: { field: "to" | "cc" | "bcc"; name: string; address: string }[];
  origin: ComposeOrigin | null;
}

const CHUNK = 64;

export function encodeDraftMeta(meta: DraftMeta): string {
  const json = JSON.stringify({ v: 1, ...meta });
  const encoded = Buffer.from(json, "utf8").toString("base64url");
  const chunks: string[] = [];
  for (let at = 0; at < encoded.length; at += CHUNK) chunks.push(encoded.slice(at, at + CHUNK));
  return chunks.join(" ");
}

/** The draft's metadata, or null when the header is missing or not ours. */
export function decodeDraftMeta(raw: string | null): DraftMeta | null {
  if (!raw) return null;
  const compact = raw.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9_-]{1,200000}$/.test(compact)) return null;
  try {
    const parsed = metaSchema.safeParse(
      JSON.parse(Buffer.from(compact, "base64url").toString("utf8")),
    );
    if (!parsed.success) return null;
    const { v: _version, ...meta } = parsed.data;
    return meta;
  } catch {
    // Not JSON: another program's header of the same name. The draft still opens, without it.
    return null;
  }
}
