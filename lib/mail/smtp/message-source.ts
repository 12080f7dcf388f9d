/**
 * The message as the caller gives it: bytes (or a string, sent as UTF-8) or a stream of chunks
 * (the MIME builder yields an AsyncIterable<Uint8Array>; a Node Readable is one). The envelope
 * travels separately: nothing here reads headers.
 */
import { MailError } from "../errors.ts";
import { inspectMessage } from "./dot-stuffer.ts";

export type MessageSource =
  | Uint8Array
  | string
  | AsyncIterable<Uint8Array | string>
  | Iterable<Uint8Array>;

export interface PreparedMessage {
  chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array>;
  /** Size for SIZE=, when known before sending. */
  size?: number;
  /** Whether it has 8-bit bytes; undefined when not known before sending (a stream). */
  eightBit?: boolean;
}

/** Bytes are handed to the encoder in slices, so a change in one line copies a slice only. */
const SLICE = 256 * 1024;

export function prepareMessage(source: MessageSource): PreparedMessage {
  if (typeof source === "string") return prepareBytes(Buffer.from(source, "utf8"));
  if (source instanceof Uint8Array) return prepareBytes(source);
  if (source && (Symbol.asyncIterator in source || Symbol.iterator in source)) {
    return { chunks: source };
  }
  throw new MailError(
    "INVALID_INPUT",
    "The message must be bytes, a string or an iterable of chunks",
  );
}

function prepareBytes(bytes: Uint8Array): PreparedMessage {
  const { size, eightBit } = inspectMessage(bytes);
  return { chunks: slices(bytes), size, eightBit };
}

function* slices(bytes: Uint8Array): Iterable<Uint8Array> {
  for (let at = 0; at < bytes.length; at += SLICE) yield bytes.subarray(at, at + SLICE);
}

/** A chunk from a stream as bytes; a string chunk (a Readable with an encoding) is UTF-8. */
export function chunkBytes(chunk: Uint8Array | string): Uint8Array {
  if (typeof chunk === "string") return Buffer.from(chunk, "utf8");
  if (chunk instanceof Uint8Array) return chunk;
  throw new MailError("INVALID_INPUT", "A message chunk was neither bytes nor a string");
}
