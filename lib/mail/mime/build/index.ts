/**
 * The MIME builder's public API: everything Letterbox writes when it sends mail or saves a draft.
 */
export { type AddrSpec, type AddrSpecCheck, checkAddrSpec } from "./addr-spec.ts";
export { buildMessage, buildMessageBytes, collectMessage } from "./build-message.ts";
export { type ComposeAddress, parseComposeAddresses } from "./compose-addresses.ts";
export { formatDate } from "./date-header.ts";
export { foreignMailbox, oneLine } from "./foreign-text.ts";
export { extractMessageIds, generateMessageId, isMessageId } from "./message-id.ts";
export { type ParentHeaders, type ReplyHeaders, replyHeaders } from "./reply-headers.ts";
export { attachmentEncodedSize, estimateMessageSize } from "./size-estimate.ts";
export {
  cleanSubject,
  forwardSubject,
  replySubject,
  stripForwardPrefixes,
  stripReplyPrefixes,
} from "./subject-prefixes.ts";
export type {
  AddressInput,
  Attachment,
  BuildOptions,
  BuiltMessage,
  ByteSource,
  Envelope,
  FileAttachment,
  ForwardedMessage,
  InlineImage,
  Mailbox,
  MessageSpec,
  StreamSource,
  TransportCapabilities,
} from "./types.ts";
