/**
 * Letterbox MIME parser: public API. Whole messages (`parseMessage`) or streams
 * (`MimeStreamParser`, `parseMessageStream`) become a `ParsedMessage`: the part tree (the shared
 * `MimeNode` shape with IMAP section numbers and byte offsets) plus decoded content access.
 * Views for the UI are functions over it; every limit against hostile input is in `limits.ts`.
 */
export { type Address, parseAddressList } from "./addresses.ts";
export { decodeBase64, Base64Decoder } from "./base64.ts";
export { charsetEncoding, decodeCharset, decodeText, type DecodedText } from "./charsets.ts";
export { formatUtc, parseDate, type ParsedDate } from "./date.ts";
export { decodeEncodedWords, type EncodedWordResult } from "./encoded-words.ts";
export { addressesOf, envelopeOf, type ParsedEnvelope, singleLine } from "./envelope.ts";
export { type HeaderField, HeaderList } from "./header-block.ts";
export { DEFAULT_MIME_LIMITS, type MimeLimits, type MimeWarning, resolveLimits } from "./limits.ts";
export { bodyText, type ContentStore, ParsedMessage } from "./message.ts";
export { parseMessageId, parseMessageIds } from "./message-ids.ts";
export {
  type ContentType,
  parseContentType,
  parseStructuredValue,
  type StructuredValue,
} from "./parameters.ts";
export { type ParsedPart, type PartOffsets, isEncapsulating } from "./part.ts";
export { type ParseOptions, parseMessage } from "./parser.ts";
export { decodeQuotedPrintable, QuotedPrintableDecoder } from "./quoted-printable.ts";
export { safeFilename, type SafeFilenameOptions } from "./safe-filename.ts";
export { sniffType, typeMismatch } from "./sniff.ts";
export {
  keepReadable,
  MimeStreamParser,
  type MimeStreamEvent,
  parseMessageStream,
  type StreamParseOptions,
} from "./stream-parser.ts";
export { findBySection, type MimeNode, walkMime } from "./structure.ts";
export {
  createTransferDecoder,
  decodeTransfer,
  normalizeTransferEncoding,
  type TransferDecoder,
} from "./transfer-encoding.ts";
export { decodeUuencodeBody, findUuencodedFiles, type UuencodedFile } from "./uuencode.ts";
export { attachmentContent, type AttachmentInfo, attachments } from "./views/attachments.ts";
export {
  availableFormats,
  type BodyChoice,
  type BodyFormat,
  chooseBody,
  type DisplayBody,
  displayBody,
  htmlBody,
  htmlBodyPart,
  relatedRoot,
  relatedStart,
  textBody,
  textBodyPart,
} from "./views/body.ts";
export {
  type DeliveryStatusFields,
  type DeliveryStatusReport,
  deliveryStatus,
  enhancedStatusCode,
  findDeliveryStatus,
  type RecipientStatus,
  readDeliveryStatus,
  statusBlocks,
  typedValue,
} from "./views/delivery-status.ts";
export { type RelatedResources, relatedResources, resolveReference } from "./views/related.ts";

// The MIME builder (lib/mail/mime/build, written alongside): one import path for both.
export * from "./build/index.ts";
