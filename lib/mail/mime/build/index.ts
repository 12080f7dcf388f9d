/**
 * The MIME builder's public API: everything Letterbox writes when it sends mail or saves a draft.
 */
export { type AddrSpec, type AddrSpecCheck, checkAddrSpec } from "./addr-spec";
export { buildMessage, buildMessageBytes, collectMessage } from "./build-message";
export { type ComposeAddress, parseComposeAddresses } from "./compose-addresses";
export { formatDate } from "./date-header";
export { foreignMailbox, oneLine } from "./foreign-text";
export { extractMessageIds, generateMessageId, isMessageId } from "./message-id";
export { type ParentHeaders, type ReplyHeaders, replyHeaders } from "./reply-headers";
export { attachmentEncodedSize, estimateMessageSize } from "./size-estimate";
export {
  cleanSubject,
  forwardSubject,
  replySubject,
  stripForwardPrefixes,
  stripReplyPrefixes,
} from "./subject-prefixes";
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
} from "./types";
