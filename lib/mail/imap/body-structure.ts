/**
 * BODYSTRUCTURE and BODY (RFC 3501 section 7.4.2) into the MimeNode tree the MIME parser also
 * produces, with the same section numbers (see lib/mail/mime/structure.ts): a part can be
 * named by its section in the UI and fetched with BODY.PEEK[section], whichever side built
 * the tree.
 *
 * Multipart:   (child)(child)... "subtype" [(params) (disposition) language location]
 * Single part: "type" "subtype" (params) id description encoding size
 *              [lines]                       for text/*
 *              [envelope (body) lines]       for message/rfc822 (and message/global)
 *              [md5 (disposition) language location]
 */

import { decodeText, normalizeTransferEncoding } from "../mime/index.ts";
import type { MimeNode } from "../mime/structure.ts";
import { decodeWords, envelopeText } from "./envelope.ts";
import { protocolError } from "./errors.ts";
import type { ImapValue } from "./tokenizer.ts";

export function parseBodyStructure(value: ImapValue): MimeNode {
  if (!Array.isArray(value)) throw protocolError("BODYSTRUCTURE is not a list");
  return parsePart(value, isMultipart(value) ? "" : "1");
}

function isMultipart(list: ImapValue[]): boolean {
  return Array.isArray(list[0]);
}

function childSection(parent: string, index: number): string {
  return parent === "" ? String(index + 1) : `${parent}.${index + 1}`;
}

function parsePart(list: ImapValue[], section: string): MimeNode {
  return isMultipart(list) ? parseMultipart(list, section) : parseSingle(list, section);
}

function parseMultipart(list: ImapValue[], section: string): MimeNode {
  const children: MimeNode[] = [];
  let i = 0;
  while (i < list.length && Array.isArray(list[i])) {
    children.push(parsePart(list[i] as ImapValue[], childSection(section, children.length)));
    i++;
  }
  const subtype = lower(text(list[i])) ?? "mixed";
  const params = parseParams(list[i + 1]);
  const [disposition, dispositionParams] = parseDisposition(list[i + 2]);
  return {
    section,
    contentType: `multipart/${subtype}`,
    params,
    disposition,
    dispositionParams,
    filename: filenameOf(dispositionParams, params),
    contentId: null,
    contentDescription: null,
    contentLocation: text(list[i + 4]),
    transferEncoding: "7bit",
    size: 0,
    lines: null,
    kind: "multipart",
    children,
  };
}

function parseSingle(list: ImapValue[], section: string): MimeNode {
  const type = lower(text(list[0]));
  const subtype = lower(text(list[1]));
  const contentType = type && subtype ? `${type}/${subtype}` : "text/plain";
  const params = parseParams(list[2]);
  const size = toNumber(list[6]) ?? 0;
  let lines: number | null = null;
  let ext = 7;
  let children: MimeNode[] = [];
  let kind: MimeNode["kind"] = "leaf";
  if (
    type === "message" &&
    (subtype === "rfc822" || subtype === "global") &&
    Array.isArray(list[7]) &&
    Array.isArray(list[8])
  ) {
    const body = list[8] as ImapValue[];
    // The embedded root shares this part's number if it is multipart (RFC 3501 6.4.5).
    children = [parsePart(body, isMultipart(body) ? section : `${section}.1`)];
    kind = "message";
    lines = toNumber(list[9]);
    ext = 10;
  } else if (type === "text") {
    lines = toNumber(list[7]);
    ext = 8;
  }
  const [disposition, dispositionParams] = parseDisposition(list[ext + 1]);
  const filename = filenameOf(dispositionParams, params);
  const id = text(list[3]);
  const description = text(list[4]);
  return {
    section,
    contentType,
    params,
    disposition,
    dispositionParams,
    filename,
    contentId: id === null ? null : id.replace(/^\s*<|>\s*$/g, ""),
    contentDescription: description === null ? null : decodeWords(description.trim()),
    contentLocation: text(list[ext + 3]),
    // Normalised as the MIME parser does ("8bits" → "8bit", "x-uue" → "x-uuencode").
    transferEncoding: normalizeTransferEncoding(text(list[5])),
    size,
    lines,
    kind,
    children,
  };
}

function parseDisposition(value: ImapValue | undefined): [string | null, Record<string, string>] {
  if (!Array.isArray(value)) return [null, {}];
  return [lower(text(value[0])), parseParams(value[1])];
}

/**
 * The file name: Content-Disposition's filename, else Content-Type's name, with RFC 2047 words
 * decoded — not standard inside a parameter, but common in the wild and what clients show.
 * The parameter maps themselves keep such words as sent, as the MIME parser does.
 */
function filenameOf(
  disposition: Record<string, string>,
  params: Record<string, string>,
): string | null {
  const raw = disposition.filename ?? params.name;
  return raw === undefined ? null : decodeWords(raw);
}

/**
 * Parameter lists: names lower-cased; RFC 2231 continuations (name*0, name*1*) joined and
 * charset'language'%XX values decoded, whether the server already joined them (Dovecot gives
 * `name*` with the encoded value) or passes them through.
 */
export function parseParams(value: ImapValue | undefined): Record<string, string> {
  const params: Record<string, string> = {};
  if (!Array.isArray(value)) return params;
  const pieces = new Map<string, Array<{ index: number; value: string; encoded: boolean }>>();
  for (let i = 0; i + 1 < value.length; i += 2) {
    const key = lower(text(value[i]));
    const val = text(value[i + 1]) ?? "";
    if (!key) continue;
    const m = /^([^*]+)\*(?:(\d+)\*?|)$/.exec(key);
    if (!m) {
      params[key] = val;
      continue;
    }
    const encoded = key.endsWith("*");
    const list = pieces.get(m[1]!) ?? [];
    list.push({ index: m[2] === undefined ? 0 : Number(m[2]), value: val, encoded });
    pieces.set(m[1]!, list);
  }
  for (const [name, list] of pieces) {
    list.sort((a, b) => a.index - b.index);
    params[name] = decode2231(list);
  }
  return params;
}

function decode2231(list: Array<{ value: string; encoded: boolean }>): string {
  const first = list[0]!;
  let charset = "us-ascii";
  const bytes: number[] = [];
  list.forEach((piece, index) => {
    let value = piece.value;
    if (index === 0 && piece.encoded) {
      const quote = /^([^']*)'[^']*'/.exec(value);
      if (quote) {
        charset = quote[1] || "us-ascii";
        value = value.slice(quote[0].length);
      }
    }
    if (piece.encoded) {
      for (let i = 0; i < value.length; i++) {
        if (value[i] === "%" && /^[0-9a-fA-F]{2}$/.test(value.slice(i + 1, i + 3))) {
          bytes.push(Number.parseInt(value.slice(i + 1, i + 3), 16));
          i += 2;
        } else bytes.push(...Buffer.from(value[i]!, "utf8"));
      }
    } else bytes.push(...Buffer.from(value, "utf8"));
  });
  if (!first.encoded) return Buffer.from(bytes).toString("utf8");
  return decodeText(Uint8Array.from(bytes), charset);
}

function text(value: ImapValue | undefined): string | null {
  return envelopeText(value);
}

function lower(value: string | null): string | null {
  return value === null ? null : value.toLowerCase();
}

function toNumber(value: ImapValue | undefined): number | null {
  if (typeof value !== "string" || !/^\d+$/.test(value)) return null;
  return Number(value);
}
