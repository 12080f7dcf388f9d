/**
 * A small MIME writer for the demo mailbox: leaves, multiparts and whole messages as raw
 * RFC 5322 / RFC 2045-2049 bytes with CRLF line ends. It is deliberately independent of the
 * product's builder (lib/mail/mime/build): the demo set is test data for that code, not its
 * output.
 */

import { base64Lines, CRLF, foldHeader, quotedPrintable } from "./encodings.mjs";
import { hash32 } from "./random.mjs";

/**
 * @typedef {{ kind: "leaf", headers: [string, string][], body: Buffer }} Leaf
 * @typedef {{ kind: "multipart", subtype: string, params: Record<string, string>,
 *   headers: [string, string][], parts: Part[] }} Multipart
 * @typedef {Leaf | Multipart} Part
 */

/** @param {string} value */
function paramValue(value) {
  return /^[A-Za-z0-9!#$&+\-.^_`|~]+$/.test(value)
    ? value
    : `"${value.replace(/(["\\])/g, "\\$1")}"`;
}

/** @param {string} type @param {Record<string, string>} params */
function contentType(type, params) {
  return [type, ...Object.entries(params).map(([k, v]) => `${k}=${paramValue(v)}`)].join("; ");
}

/**
 * File name parameters: ASCII as is; otherwise RFC 2231 section 4 (`name*=UTF-8''…`) on both
 * fields. (Many clients put an RFC 2047 word in a quoted `name` instead; section 5 of RFC 2047
 * forbids that, and strict parsers flag it, so the demo does not.)
 * @param {string} filename
 */
function fileNameParams(filename) {
  if (/^[\x20-\x7e]*$/.test(filename)) {
    return {
      type: `; name=${paramValue(filename)}`,
      disposition: `; filename=${paramValue(filename)}`,
    };
  }
  const extended = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return { type: `; name*=UTF-8''${extended}`, disposition: `; filename*=UTF-8''${extended}` };
}

/**
 * Text as a client would send it: 7bit when ASCII in short lines, else quoted-printable (which
 * also cuts long lines with soft breaks), or what is asked.
 * @param {string} text "\n" or "\r\n" line ends
 * @param {{ subtype?: string, charset?: string, encoding?: "7bit" | "8bit" | "quoted-printable" | "base64",
 *   params?: Record<string, string>, headers?: [string, string][] }} [options]
 * @returns {Leaf}
 */
export function textPart(text, options = {}) {
  const crlf = text.replace(/\r?\n/g, CRLF);
  const bytes = Buffer.from(crlf.endsWith(CRLF) ? crlf : `${crlf}${CRLF}`, "utf8");
  const ascii = /^[\x00-\x7f]*$/.test(crlf);
  const short = crlf.split(CRLF).every((line) => line.length <= 78);
  const encoding = options.encoding ?? (ascii && short ? "7bit" : "quoted-printable");
  return encodedPart(bytes, {
    type: `text/${options.subtype ?? "plain"}`,
    params: { charset: options.charset ?? (ascii ? "us-ascii" : "utf-8"), ...options.params },
    encoding,
    headers: options.headers,
  });
}

/**
 * Any leaf from its decoded bytes.
 * @param {Uint8Array} bytes
 * @param {{ type: string, params?: Record<string, string>,
 *   encoding: "7bit" | "8bit" | "binary" | "quoted-printable" | "base64",
 *   filename?: string, disposition?: "attachment" | "inline", contentId?: string,
 *   description?: string, headers?: [string, string][] }} options
 * @returns {Leaf}
 */
export function encodedPart(bytes, options) {
  const names = options.filename ? fileNameParams(options.filename) : null;
  /** @type {[string, string][]} */
  const headers = [
    ["Content-Type", `${contentType(options.type, options.params ?? {})}${names?.type ?? ""}`],
    ["Content-Transfer-Encoding", options.encoding],
  ];
  if (options.contentId) headers.push(["Content-ID", `<${options.contentId}>`]);
  if (options.description) headers.push(["Content-Description", options.description]);
  if (options.disposition) {
    headers.push(["Content-Disposition", `${options.disposition}${names?.disposition ?? ""}`]);
  }
  headers.push(...(options.headers ?? []));
  if (options.encoding === "7bit" || options.encoding === "8bit") assertLines(bytes, options.type);
  let body;
  if (options.encoding === "base64") body = base64Lines(bytes);
  else if (options.encoding === "quoted-printable") body = quotedPrintable(bytes);
  else body = Buffer.from(bytes);
  if (body.length > 0 && !body.subarray(-2).equals(Buffer.from(CRLF))) {
    body = Buffer.concat([body, Buffer.from(CRLF)]);
  }
  return { kind: "leaf", headers, body };
}

/**
 * 7bit and 8bit content must already be CRLF lines of at most 998 octets (RFC 5322 section
 * 2.1.1, RFC 2045 section 2.7): a generator bug, not something to repair silently.
 * @param {Uint8Array} bytes @param {string} type
 */
function assertLines(bytes, type) {
  const text = Buffer.from(bytes).toString("latin1");
  if (/(^|[^\r])\n|\r(?!\n)/.test(text)) throw new Error(`${type} content has a bare CR or LF`);
  if (text.split("\r\n").some((line) => line.length > 998))
    throw new Error(`${type} line over 998 octets`);
}

/**
 * An attachment (or inline part) in base64, the way every client sends binary files.
 * @param {Uint8Array} bytes @param {string} type @param {string} filename
 * @param {{ inline?: boolean, contentId?: string, params?: Record<string, string> }} [options]
 */
export function attachment(bytes, type, filename, options = {}) {
  return encodedPart(bytes, {
    type,
    params: options.params,
    encoding: "base64",
    filename,
    disposition: options.inline ? "inline" : "attachment",
    contentId: options.contentId,
  });
}

/**
 * A whole message inside another (a forward as attachment, a bounce's returned message).
 * @param {Buffer} message
 * @param {{ filename?: string, type?: string, disposition?: "attachment" | "inline", description?: string }} [options]
 */
export function messagePart(message, options = {}) {
  const eightBit = message.some((b) => b > 0x7f);
  return encodedPart(message, {
    type: options.type ?? "message/rfc822",
    encoding: eightBit ? "8bit" : "7bit",
    filename: options.filename,
    description: options.description,
    disposition: options.disposition ?? (options.filename ? "attachment" : undefined),
  });
}

/**
 * @param {string} subtype "mixed", "alternative", "related", "report", "digest"
 * @param {Part[]} parts @param {Record<string, string>} [params]
 * @returns {Multipart}
 */
export function multipart(subtype, parts, params = {}) {
  return { kind: "multipart", subtype, params, headers: [], parts };
}

const BOUNDARY_STYLES = [
  (/** @type {string} */ h, /** @type {number} */ n) => `----=_Part_${n}_${h}.${h.length * 97}`,
  (/** @type {string} */ h, /** @type {number} */ n) => `Apple-Mail=_${h.toUpperCase()}-${n}`,
  (/** @type {string} */ h, /** @type {number} */ n) => `00000000000${n}${h}0`,
  (/** @type {string} */ h, /** @type {number} */ n) => `------------${n}${h}`,
];

/**
 * @param {Part} part @param {() => string} nextBoundary
 * @returns {Buffer}
 */
function renderPart(part, nextBoundary) {
  if (part.kind === "leaf") {
    return Buffer.concat([renderHeaders(part.headers), Buffer.from(CRLF), part.body]);
  }
  const boundary = nextBoundary();
  const type = contentType(`multipart/${part.subtype}`, { ...part.params, boundary });
  /** @type {Buffer[]} */
  const chunks = [renderHeaders([["Content-Type", type], ...part.headers]), Buffer.from(CRLF)];
  for (const child of part.parts) {
    chunks.push(Buffer.from(`--${boundary}${CRLF}`), renderPart(child, nextBoundary));
  }
  chunks.push(Buffer.from(`--${boundary}--${CRLF}`));
  return Buffer.concat(chunks);
}

/** @param {[string, string][]} headers */
function renderHeaders(headers) {
  return Buffer.from(headers.map(([n, v]) => `${foldHeader(n, v)}${CRLF}`).join(""), "utf8");
}

/**
 * A complete message: the given header fields in order, then MIME-Version and the root part's
 * own fields, the blank line and the body. Boundaries derive from `key` (stable per message).
 * @param {[string, string][]} headers @param {Part} root @param {string} key
 */
export function renderMessage(headers, root, key) {
  const h = hash32(key).toString(16).padStart(8, "0");
  const style = BOUNDARY_STYLES[hash32(`${key}/style`) % BOUNDARY_STYLES.length];
  let n = 0;
  const nextBoundary = () => {
    n += 1;
    return /** @type {NonNullable<typeof style>} */ (style)(h, n);
  };
  const body = renderPart(root, nextBoundary);
  return Buffer.concat([renderHeaders([...headers, ["MIME-Version", "1.0"]]), body]);
}
