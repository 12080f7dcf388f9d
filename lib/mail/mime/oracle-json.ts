/**
 * Our parse in the corpus oracle's JSON schema (`../shared/corpus/README.md`), so any message
 * can be compared field by field with what Python's email package makes of it. Used by the CLI
 * (`npm run -s mime -- parse FILE`) and the conformance test.
 */
import { createHash } from "node:crypto";
import type { Address } from "./addresses.ts";
import { parseDate } from "./date.ts";
import { addressesOf } from "./envelope.ts";
import type { HeaderList } from "./header-block.ts";
import type { ParsedMessage } from "./message.ts";
import type { ParsedPart } from "./part.ts";
import { htmlBodyPart, textBodyPart } from "./views/body.ts";

export interface OracleAddress {
  name: string;
  address: string;
  group?: string;
}

export interface OracleHeaders {
  subject: string | null;
  from: OracleAddress[];
  to: OracleAddress[];
  cc: OracleAddress[];
  sender?: OracleAddress[];
  reply_to?: OracleAddress[];
  bcc?: OracleAddress[];
  date: string | null;
  date_raw: string | null;
  message_id: string | null;
  headers_8bit: string[];
}

export interface OracleNode {
  path: string;
  imap_section: string;
  content_type: string;
  content_type_raw: string | null;
  params: Record<string, string>;
  disposition: string | null;
  disposition_params: Record<string, string>;
  filename: string | null;
  transfer_encoding: string | null;
  content_id: string | null;
  defects: string[];
  kind: "multipart" | "message" | "leaf";
  children?: OracleNode[];
  size?: number | null;
  sha256?: string | null;
  declared_charset?: string | null;
  headers?: OracleHeaders;
}

export interface OracleJson {
  oracle: "letterbox-mime";
  file: string | null;
  size: number;
  sha256: string;
  unixfrom: boolean;
  headers: OracleHeaders;
  mime: OracleNode;
  defects: string[];
  warnings: string[];
  text: string | null;
  text_section: string | null;
  html: string | null;
  html_section: string | null;
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

function addresses(list: Address[]): OracleAddress[] {
  return list.map((a) => (a.group === undefined ? { name: a.name, address: a.address } : { ...a }));
}

function oracleHeaders(headers: HeaderList): OracleHeaders {
  const out: OracleHeaders = {
    subject: headers.get("subject"),
    from: addresses(addressesOf(headers, "from")),
    to: addresses(addressesOf(headers, "to")),
    cc: addresses(addressesOf(headers, "cc")),
    date: null,
    date_raw: null,
    message_id: null,
    headers_8bit: [],
  };
  for (const [name, key] of [
    ["sender", "sender"],
    ["reply-to", "reply_to"],
    ["bcc", "bcc"],
  ] as const) {
    if (headers.has(name)) out[key] = addresses(addressesOf(headers, name));
  }
  const dateRaw = headers.get("date");
  out.date_raw = dateRaw;
  out.date = parseDate(dateRaw).date?.toISOString() ?? null;
  out.message_id = headers.get("message-id")?.trim() ?? null;
  out.headers_8bit = [...new Set(headers.fields.filter((f) => f.has8bit).map((f) => f.key))].sort();
  return out;
}

function node(
  msg: ParsedMessage,
  part: ParsedPart,
  path: string,
  embeddedRoot: boolean,
): OracleNode {
  const cte = part.headers.getRaw("content-transfer-encoding");
  const out: OracleNode = {
    path,
    imap_section: part.section,
    content_type: part.contentType,
    content_type_raw: part.headers.get("content-type")?.trim() ?? null,
    params: part.params,
    disposition: part.disposition,
    disposition_params: part.dispositionParams,
    filename: part.filename,
    transfer_encoding: cte === null ? null : cte.trim().toLowerCase() || null,
    content_id: part.headers.get("content-id")?.trim() ?? null,
    defects: part.defects,
    kind: part.kind,
  };
  if (part.kind !== "leaf") {
    out.children = part.children.map((child, i) =>
      node(msg, child, path ? `${path}.${i}` : String(i), part.kind === "message"),
    );
  } else {
    const content = msg.content(part);
    out.size = content ? content.length : null;
    out.sha256 = content ? sha256(content) : null;
    if (part.contentType.startsWith("text/")) out.declared_charset = part.params.charset ?? null;
  }
  if (embeddedRoot) out.headers = oracleHeaders(part.headers);
  return out;
}

export function toOracleJson(
  msg: ParsedMessage,
  source: Uint8Array,
  file: string | null = null,
): OracleJson {
  const defects = new Set<string>();
  for (const part of msg.parts()) for (const d of part.defects) defects.add(d);
  const text = textBodyPart(msg);
  const html = htmlBodyPart(msg);
  return {
    oracle: "letterbox-mime",
    file,
    size: source.length,
    sha256: sha256(source),
    unixfrom: msg.unixFrom !== null,
    headers: oracleHeaders(msg.headers),
    mime: node(msg, msg.root, "", false),
    defects: [...defects].sort(),
    warnings: msg.warnings.map((w) => `${w.code}@${w.section}: ${w.message}`),
    text: text ? msg.text(text) : null,
    text_section: text?.section ?? null,
    html: html ? msg.text(html) : null,
    html_section: html?.section ?? null,
  };
}
