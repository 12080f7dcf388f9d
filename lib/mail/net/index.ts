export type { AddressCheck } from "./address-check.ts";
export { filteredLookup } from "./address-check.ts";
export { ByteReader } from "./byte-reader.ts";
export {
  type LineChannel,
  LineConnection,
  type LineConnectionOptions,
  type LineSecurity,
  lineConnectionOptions,
  openLineChannel,
} from "./line-connection.ts";
export type { ConnectOptions, ReadOptions, WriteOptions } from "./mail-socket.ts";
export { MailSocket } from "./mail-socket.ts";
export type { NetErrorDetails, PeerCertificateInfo } from "./net-error.ts";
export { classifySocketError, NetError } from "./net-error.ts";
export type { TlsPolicy } from "./tls-options.ts";
export { normalizeFingerprint } from "./tls-options.ts";
export type { Direction, TranscriptSink } from "./transcript.ts";
export { redactLine, streamTranscript } from "./transcript.ts";
