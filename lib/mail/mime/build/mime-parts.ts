/**
 * The leaves of a message: text bodies, files, inline images and forwarded messages, each with
 * its Content-* headers written by the one header writer.
 */
import { MailError } from "../../errors.ts";
import { fallbackNamePieces, valueWithParameters } from "./encode-parameters.ts";
import { assertHeaderText, writeHeader } from "./header-writer.ts";
import { MAX_FILENAME_CHARS, MAX_LINE_OCTETS } from "./limits.ts";
import { isWritableId } from "./message-id.ts";
import type { LeafNode } from "./mime-tree-writer.ts";
import { encodeText } from "./text-body.ts";
import type { ByteSource, FileAttachment, ForwardedMessage, InlineImage } from "./types.ts";

/** RFC 6838 section 4.2 restricted-name, for both type and subtype. */
const MEDIA_TYPE =
  /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$/;

export function checkMediaType(type: string, field: string): string {
  assertHeaderText(type, field);
  if (!MEDIA_TYPE.test(type)) {
    throw new MailError("INVALID_INPUT", `${field}: "${type}" is not a media type (type/subtype)`);
  }
  const lower = type.toLowerCase();
  // These have structure of their own: a file cannot be one (RFC 2046 sections 5.1 and 5.2.1).
  if (lower.startsWith("multipart/") || lower === "message/rfc822") {
    throw new MailError(
      "INVALID_INPUT",
      `${field}: a file cannot be ${lower}; forward messages as ForwardedMessage`,
    );
  }
  return lower;
}

function checkFilename(filename: string, field: string): void {
  assertHeaderText(filename, field);
  if (filename.length > MAX_FILENAME_CHARS) {
    throw new MailError(
      "INVALID_INPUT",
      `${field} is longer than ${MAX_FILENAME_CHARS} characters`,
    );
  }
}

function checkContent(content: ByteSource, field: string): void {
  if (content instanceof Uint8Array) return;
  if (
    !Number.isSafeInteger(content.size) ||
    content.size < 0 ||
    typeof content.stream !== "function"
  ) {
    throw new MailError(
      "INVALID_INPUT",
      `${field}: a stream source needs a whole, non-negative size`,
    );
  }
}

export function textPart(text: string, subtype: "plain" | "html", eightBitMime: boolean): LeafNode {
  const encoded = encodeText(text, eightBitMime);
  const headers =
    writeHeader(
      "Content-Type",
      valueWithParameters(`text/${subtype}`, [{ name: "charset", value: "utf-8" }], "Content-Type"),
    ) + writeHeader("Content-Transfer-Encoding", [encoded.encoding]);
  return {
    kind: "leaf",
    transferEncoding: encoded.encoding,
    headers,
    body: {
      kind: "identity",
      bytes: encoded.body,
      quotedPrintable: encoded.encoding === "quoted-printable",
    },
  };
}

/**
 * Content-Type with the RFC 2047 `name=` fallback for old clients, Content-Disposition with the
 * RFC 2231 filename that current clients read.
 */
function fileHeaders(type: string, filename: string, disposition: "attachment" | "inline"): string {
  const named = filename !== "";
  const fallback = named ? fallbackNamePieces(filename, "filename") : [];
  // A filename that needs RFC 2231 gets the RFC 2047 form in `name=`, else the same plain form.
  const contentType = !named
    ? [type]
    : fallback.length > 0
      ? valueWithParameters(type, [], "Content-Type", fallback)
      : valueWithParameters(type, [{ name: "name", value: filename }], "filename");
  const params = named ? [{ name: "filename", value: filename }] : [];
  return (
    writeHeader("Content-Type", contentType) +
    writeHeader("Content-Transfer-Encoding", ["base64"]) +
    writeHeader("Content-Disposition", valueWithParameters(disposition, params, "filename"))
  );
}

export function filePart(file: FileAttachment, index: number): LeafNode {
  const field = `attachment ${index + 1}`;
  checkFilename(file.filename, `${field} filename`);
  checkContent(file.content, field);
  const type = checkMediaType(file.contentType ?? "application/octet-stream", `${field} type`);
  return {
    kind: "leaf",
    transferEncoding: "base64",
    headers: fileHeaders(type, file.filename, "attachment"),
    body: { kind: "base64", content: file.content },
  };
}

export function inlineImagePart(image: InlineImage, index: number): LeafNode {
  const field = `inline image ${index + 1}`;
  const filename = image.filename ?? "";
  checkFilename(filename, `${field} filename`);
  checkContent(image.content, field);
  const type = checkMediaType(image.contentType, `${field} type`);
  const cid = contentIdOf(image, field);
  return {
    kind: "leaf",
    transferEncoding: "base64",
    headers: fileHeaders(type, filename, "inline") + writeHeader("Content-ID", [cid]),
    body: { kind: "base64", content: image.content },
  };
}

/** The Content-ID with brackets (RFC 2392), checked. */
export function contentIdOf(image: InlineImage, field: string): string {
  assertHeaderText(image.contentId, `${field} Content-ID`);
  const bare = image.contentId.trim().replace(/^<(.*)>$/, "$1");
  const id = `<${bare}>`;
  if (!isWritableId(id)) {
    throw new MailError(
      "INVALID_INPUT",
      `${field}: "${image.contentId}" is not a valid Content-ID`,
    );
  }
  return id;
}

export type RawEncoding = "7bit" | "8bit" | "binary";

/** RFC 2045 section 2: which identity encoding describes these bytes truthfully. */
export function rawEncodingOf(bytes: Uint8Array): RawEncoding {
  let eightBit = false;
  let lineLength = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x0d) {
      if (bytes[i + 1] !== 0x0a) return "binary";
      i++;
      lineLength = 0;
      continue;
    }
    if (b === 0x0a || b === 0x00) return "binary";
    if (++lineLength > MAX_LINE_OCTETS) return "binary";
    if (b >= 0x80) eightBit = true;
  }
  return eightBit ? "8bit" : "7bit";
}

export interface ForwardCapabilities {
  eightBitMime: boolean;
  binaryMime: boolean;
}

/**
 * message/rfc822 keeps the original's bytes exactly (its signatures stay valid): RFC 2046
 * section 5.2.1 allows only 7bit, 8bit or binary here. When the transport cannot carry what the
 * bytes need (8bit without 8BITMIME, bare line ends or NUL without BINARYMIME), we send base64
 * rather than alter a byte or put a bare LF on the wire; receivers decode it, though RFC 2046
 * does not list it.
 */
export function forwardedPart(
  forward: ForwardedMessage,
  index: number,
  caps: ForwardCapabilities,
): LeafNode {
  const field = `forwarded message ${index + 1}`;
  if (!(forward.message instanceof Uint8Array)) {
    throw new MailError("INVALID_INPUT", `${field}: the message must be bytes`);
  }
  const filename = forward.filename ?? "";
  checkFilename(filename, `${field} filename`);
  const raw = rawEncodingOf(forward.message);
  const fits =
    raw === "7bit" ||
    (raw === "8bit" && caps.eightBitMime) ||
    (raw === "binary" && caps.binaryMime);
  const encoding = fits ? raw : "base64";
  const params = filename ? [{ name: "filename", value: filename }] : [];
  const headers =
    writeHeader("Content-Type", ["message/rfc822"]) +
    writeHeader("Content-Transfer-Encoding", [encoding]) +
    writeHeader("Content-Disposition", valueWithParameters("attachment", params, "filename"));
  return {
    kind: "leaf",
    transferEncoding: encoding,
    headers,
    body: fits
      ? { kind: "identity", bytes: forward.message, quotedPrintable: false }
      : { kind: "base64", content: forward.message },
  };
}
