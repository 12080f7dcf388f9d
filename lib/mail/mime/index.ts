/**
 * Letterbox MIME parser: public API. Whole messages (`parseMessage`) or streams
 * (`MimeStreamParser`, `parseMessageStream`) become a `ParsedMessage`: the part tree (the shared
 * `MimeNode` shape with IMAP section numbers and byte offsets) plus decoded content access.
 * Views for the UI are functions over it; every limit against hostile input is in `limits.ts`.
 */
export { type Address, parseAddressList } from "./addresses.ts";
export { Base64Decoder, decodeBase64 } from "./base64.ts";
// The MIME builder (lib/mail/mime/build, written alongside): one import path for both.
export * from "./build/index.ts";
export { charsetEncoding, type DecodedText, decodeCharset, decodeText } from "./charsets.ts";
export { formatUtc, type ParsedDate, parseDate } from "./date.ts";
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
export { type ParseOptions, parseMessage } from "./parser.ts";
export { isEncapsulating, type ParsedPart, type PartOffsets } from "./part.ts";
export { decodeQuotedPrintable, QuotedPrintableDecoder } from "./quoted-printable.ts";
export { type SafeFilenameOptions, safeFilename } from "./safe-filename.ts";
export { sniffType, typeMismatch } from "./sniff.ts";
export {
  keepReadable,
  type MimeStreamEvent,
  MimeStreamParser,
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
export { type AttachmentInfo, attachmentContent, attachments } from "./views/attachments.ts";
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
