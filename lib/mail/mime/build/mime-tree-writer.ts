/**
 * The part tree of a message being built, and the one place that turns it into bytes or
 * measures them. Leaves carry their header block and a body that is either written as it is
 * ("identity": 7bit/8bit/binary/quoted-printable, already encoded) or base64-encoded on the fly
 * from bytes or a stream. Multiparts get their boundaries here, once the content is known.
 *
 * Layout (RFC 2046 section 5.1.1): "--b CRLF part CRLF --b CRLF part CRLF --b--"; the CRLF
 * before each delimiter belongs to the delimiter, so part bodies end without one of their own.
 * Only the message as a whole ends with CRLF, as SMTP DATA needs.
 */
import { MailError } from "../../errors.ts";
import { base64EncodedLength, base64LineStream, encodeBase64Lines } from "./base64-encode.ts";
import { BOUNDARY_LENGTH, boundaryOccursIn, makeBoundary } from "./boundary.ts";
import { type Parameter, valueWithParameters } from "./encode-parameters.ts";
import { writeHeader } from "./header-writer.ts";
import { MAX_BOUNDARY_ATTEMPTS } from "./limits.ts";
import type { ByteSource } from "./types.ts";
import { utf8Bytes, utf8Length } from "./utf8.ts";

export type PartBody =
  | { kind: "identity"; bytes: Uint8Array; quotedPrintable: boolean }
  | { kind: "base64"; content: ByteSource };

export interface LeafNode {
  kind: "leaf";
  /** Its Content-Transfer-Encoding, as written in `headers`. */
  transferEncoding: string;
  /** Header lines, each ending in CRLF, without the blank line. */
  headers: string;
  body: PartBody;
}

export interface MultipartNode {
  kind: "multipart";
  /** "mixed", "alternative", "related". */
  subtype: string;
  params: Parameter[];
  children: TreeNode[];
  boundary?: string;
}

export type TreeNode = LeafNode | MultipartNode;

const CRLF = "\r\n";

function isBytes(content: ByteSource): content is Uint8Array {
  return content instanceof Uint8Array;
}

function sourceSize(content: ByteSource): number {
  return isBytes(content) ? content.length : content.size;
}

/** What a boundary must not occur in: identity bodies, part headers and inner boundaries. */
function collectText(node: TreeNode, into: Array<Uint8Array | string>): void {
  if (node.kind === "leaf") {
    into.push(node.headers);
    if (node.body.kind === "identity") into.push(node.body.bytes);
    return;
  }
  if (node.boundary) into.push(node.boundary);
  for (const child of node.children) collectText(child, into);
}

/** Draws each multipart's boundary, innermost first, checked against everything inside it. */
export function assignBoundaries(node: TreeNode, random?: (n: number) => Uint8Array): void {
  if (node.kind === "leaf") return;
  for (const child of node.children) assignBoundaries(child, random);
  const inside: Array<Uint8Array | string> = [];
  for (const child of node.children) collectText(child, inside);
  for (let attempt = 0; attempt < MAX_BOUNDARY_ATTEMPTS; attempt++) {
    const boundary = makeBoundary(random);
    const clash = inside.some((item) =>
      typeof item === "string" ? item.includes(boundary) : boundaryOccursIn(boundary, item),
    );
    if (!clash) {
      node.boundary = boundary;
      return;
    }
  }
  throw new MailError(
    "INVALID_INPUT",
    "no boundary could be found that the content does not contain",
  );
}

function multipartHeader(node: MultipartNode): string {
  if (!node.boundary) throw new MailError("INVALID_INPUT", "multipart without a boundary");
  const params = [...node.params, { name: "boundary", value: node.boundary }];
  return writeHeader(
    "Content-Type",
    valueWithParameters(`multipart/${node.subtype}`, params, "Content-Type"),
  );
}

function endsWithCrlf(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[bytes.length - 2] === 0x0d && bytes[bytes.length - 1] === 0x0a;
}

/**
 * When the whole message is one leaf, it must still end with CRLF: quoted-printable gets a soft
 * line break (the decoded text is unchanged), anything else a line break.
 */
function rootTrailer(node: LeafNode): string {
  const body = node.body;
  if (body.kind === "base64") return sourceSize(body.content) > 0 ? CRLF : "";
  if (body.bytes.length === 0 || endsWithCrlf(body.bytes)) return "";
  return body.quotedPrintable ? `=${CRLF}` : CRLF;
}

/** The exact number of octets `writeTree` yields. */
export function treeSize(node: TreeNode, messageHeaders: string): number {
  const own = (n: TreeNode, prefix: string): number => {
    if (n.kind === "leaf") {
      const body =
        n.body.kind === "identity"
          ? n.body.bytes.length
          : base64EncodedLength(sourceSize(n.body.content));
      return utf8Length(prefix + n.headers) + 2 + body;
    }
    const delimiter = 2 + BOUNDARY_LENGTH;
    let size = utf8Length(prefix + multipartHeader(n)) + 2;
    n.children.forEach((child, i) => {
      size += (i === 0 ? 0 : 2) + delimiter + 2 + own(child, "");
    });
    return size + 2 + delimiter + 2;
  };
  const trailer = node.kind === "leaf" ? rootTrailer(node).length : 2;
  return own(node, messageHeaders) + trailer;
}

async function* writeBody(body: PartBody): AsyncGenerator<Uint8Array> {
  if (body.kind === "identity") {
    if (body.bytes.length > 0) yield body.bytes;
    return;
  }
  const content = body.content;
  if (isBytes(content)) {
    if (content.length > 0) yield encodeBase64Lines(content);
    return;
  }
  yield* base64LineStream(content.stream(), (actual) => {
    if (actual !== content.size) {
      throw new MailError(
        "INVALID_INPUT",
        `an attachment stream gave ${actual} bytes but declared ${content.size}`,
      );
    }
  });
}

async function* writeNode(node: TreeNode, prefix: string): AsyncGenerator<Uint8Array> {
  if (node.kind === "leaf") {
    yield utf8Bytes(`${prefix}${node.headers}${CRLF}`);
    yield* writeBody(node.body);
    return;
  }
  yield utf8Bytes(`${prefix}${multipartHeader(node)}${CRLF}`);
  for (let i = 0; i < node.children.length; i++) {
    yield utf8Bytes(`${i === 0 ? "" : CRLF}--${node.boundary}${CRLF}`);
    yield* writeNode(node.children[i]!, "");
  }
  yield utf8Bytes(`${CRLF}--${node.boundary}--`);
}

/** The message: `messageHeaders` (ending in CRLF) then the tree; ends with CRLF. */
export async function* writeTree(
  node: TreeNode,
  messageHeaders: string,
): AsyncGenerator<Uint8Array> {
  yield* writeNode(node, messageHeaders);
  const trailer = node.kind === "leaf" ? rootTrailer(node) : CRLF;
  if (trailer !== "") yield utf8Bytes(trailer);
}
