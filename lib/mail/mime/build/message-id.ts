/**
 * Message-IDs (RFC 5322 section 3.6.4): generated ones, ones the caller gives (checked), and
 * ones read from another message's headers (hostile: taken only when harmless).
 */
import { MailError } from "../../errors.ts";
import { randomAlphanumeric, randomBytes } from "./boundary.ts";
import { assertHeaderText } from "./header-writer.ts";

const DOT_ATOM = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+(?:\.[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+)*$/;
/** no-fold-literal: "[" *dtext "]" */
const LITERAL = /^\[[\x21-\x5a\x5e-\x7e]*\]$/;
/** Longer ids would be a way to push a header past its line limit. */
const MAX_ID_LENGTH = 250;

/** RFC 5322 msg-id: "<" id-left "@" id-right ">" with dot-atom-text sides (or a literal right). */
export function isMessageId(id: string): boolean {
  if (id.length > MAX_ID_LENGTH || !id.startsWith("<") || !id.endsWith(">")) return false;
  const inner = id.slice(1, -1);
  const at = inner.lastIndexOf("@");
  if (at <= 0) return false;
  const right = inner.slice(at + 1);
  return DOT_ATOM.test(inner.slice(0, at)) && (DOT_ATOM.test(right) || LITERAL.test(right));
}

/**
 * What we will echo from other mail (References, In-Reply-To, Content-ID): any "<...>" of
 * printable ASCII without spaces or angle brackets. Real mail has ids that are not strictly
 * RFC 5322 (Gmail's Content-IDs have no "@", some ids have two), and refusing them would break
 * threading; nothing in them can break a header.
 */
export function isWritableId(id: string): boolean {
  return id.length <= MAX_ID_LENGTH && /^<[\x21-\x3b\x3d\x3f-\x7e]+>$/.test(id);
}

/**
 * Accepts "<id@host>" or "id@host"; returns it with brackets or refuses it. `strict` (our own
 * Message-ID) demands RFC 5322 msg-id syntax, otherwise `isWritableId`.
 */
export function normalizeMessageId(input: string, field: string, strict = true): string {
  assertHeaderText(input, field);
  const trimmed = input.trim();
  const id = trimmed.startsWith("<") ? trimmed : `<${trimmed}>`;
  if (!(strict ? isMessageId(id) : isWritableId(id))) {
    throw new MailError("INVALID_INPUT", `${field}: "${input}" is not a message id (<left@right>)`);
  }
  return id;
}

/** 24 random characters: fixed length, so the size estimate is exact before the id exists. */
export function generateMessageId(domain: string, random = randomBytes): string {
  return `<${randomAlphanumeric(24, random)}@${domain}>`;
}

/**
 * The ids in a header value from received mail, in order, without duplicates: every
 * `isWritableId` "<...>"; whatever else the value holds (comments, junk, CR/LF from
 * encoded-words) is dropped.
 */
export function extractMessageIds(value: string): string[] {
  const ids: string[] = [];
  for (const match of value.matchAll(/<([\x21-\x3b\x3d\x3f-\x7e]+)>/g)) {
    const id = `<${match[1]}>`;
    if (id.length <= MAX_ID_LENGTH && !ids.includes(id)) ids.push(id);
  }
  return ids;
}
