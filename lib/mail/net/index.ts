export { ByteReader } from "./byte-reader.js";
export type { ConnectOptions, ReadOptions, WriteOptions } from "./mail-socket.js";
export { MailSocket } from "./mail-socket.js";
export type { NetErrorDetails, PeerCertificateInfo } from "./net-error.js";
export { classifySocketError, NetError } from "./net-error.js";
export type { TlsPolicy } from "./tls-options.js";
export { normalizeFingerprint } from "./tls-options.js";
export type { Direction, TranscriptSink } from "./transcript.js";
export { redactLine, streamTranscript } from "./transcript.js";
