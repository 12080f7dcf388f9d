/**
 * BODYSTRUCTURE (Dovecot, through this client) against lib/mail/mime's parseMessage for the
 * same bytes: the two trees must agree, since the UI names a part by section whichever side
 * built the tree. Used by mime-parity.int.test.ts; run directly to regenerate the exceptions
 * file from evidence (the stack must be up):
 *   npx tsx lib/mail/imap/testing/mime-parity.ts --write
 * Every exception is one corpus message, its exact differences, and a reason class below.
 */
import fs from "node:fs";
import path from "node:path";
import { CORPUS_DIR } from "../../../dev/shared-data.ts";
import { type MimeNode, parseMessage } from "../../mime/index.ts";
import type { ImapClient } from "../client.ts";

export const CORPUS = CORPUS_DIR;
export const EXCEPTIONS_FILE = path.join(
  import.meta.dirname,
  "../testdata/mime-parity-exceptions.json",
);

/** Why Dovecot's tree and the parser's differ, one explanation per class. */
export const REASONS: Record<string, string> = {
  "trailing-crlf":
    "The line break before a following boundary (after a nested close delimiter, a stray line, " +
    "or at the end of the input): Dovecot counts it in the part (+2 octets, +1 line); the parser " +
    "gives it to the delimiter, as RFC 2046 5.1.1 says.",
  "no-usable-boundary":
    "A multipart whose boundary never occurs (missing, truncated or mismatched): Dovecot keeps " +
    "a multipart holding one text/plain part, the parser a leaf (corpus README item 3).",
  "multipart-id-description":
    "Content-ID/Content-Description on a multipart: BODYSTRUCTURE has no field for them " +
    "(RFC 3501 body-type-mpart), so the IMAP tree cannot carry them.",
  "message-global":
    "message/global (RFC 6532): Dovecot 2.3 reports it as a leaf, the parser opens it.",
  "boundary-disagreement":
    "Malformed boundaries (unquoted specials, RFC 2231 boundary*, duplicates, 70+ characters, " +
    "parts inside the preamble): Dovecot and the parser split the body differently.",
  "header-body-separator":
    "No blank line between header and body (or a header-only entity): Dovecot reads the rest as " +
    "header, the parser as body.",
  "parameter-syntax":
    "Unquoted parameter values with spaces or tspecials, or a Content-Type without a valid " +
    "subtype: Dovecot stops at the first special (or reports an empty type with no line count), " +
    "the parser keeps what clients show.",
  "transfer-encoding-syntax":
    "An invalid Content-Transfer-Encoding value (trailing junk, unknown token): Dovecot reports " +
    "it differently from the parser's normalisation.",
  "encoded-encapsulation":
    "A message/rfc822 or multipart carried base64/quoted-printable: the parser decodes and opens " +
    "it (corpus README item 4), Dovecot keeps it a leaf.",
  "mbox-content-length":
    "mbox Content-Length framing test data: the parser and Dovecot end the parts differently.",
  "disposition-syntax":
    "A malformed or repeated Content-Disposition: Dovecot keeps another one than the parser.",
};

export interface ParityException {
  reason: keyof typeof REASONS;
  differences: string[];
}

const FIELDS = [
  "section",
  "kind",
  "contentType",
  "disposition",
  "dispositionParams",
  "filename",
  "transferEncoding",
  "size",
  "lines",
  "contentId",
  "contentDescription",
  "contentLocation",
  "params",
] as const;

/**
 * Differences as "field@section" strings (with values), after two normalisations of the
 * charset parameter: Dovecot adds RFC 2045's default charset=us-ascii to text parts that declare
 * none (the parser reports only what the message says), and writes "US-ASCII" lower-case.
 * Multiparts have no size, lines or encoding in BODYSTRUCTURE.
 */
export function compareTrees(imap: MimeNode, mime: MimeNode, out: string[] = []): string[] {
  for (const field of FIELDS) {
    if (
      imap.kind === "multipart" &&
      (field === "size" || field === "lines" || field === "transferEncoding")
    ) {
      continue;
    }
    let a: unknown = imap[field];
    const b: unknown = mime[field];
    if (field === "params" && /^us-ascii$/i.test(imap.params.charset ?? "")) {
      const { charset: _default, ...rest } = imap.params;
      a =
        mime.params.charset === undefined ? rest : { ...imap.params, charset: mime.params.charset };
      if (!/^us-ascii$/i.test(mime.params.charset ?? "us-ascii")) a = imap.params;
    }
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      const type = field === "kind" ? ` (${imap.contentType} / ${mime.contentType})` : "";
      out.push(
        `${field}@${imap.section}: imap=${JSON.stringify(a)} mime=${JSON.stringify(b)}${type}`,
      );
    }
  }
  if (imap.children.length !== mime.children.length) {
    out.push(`children@${imap.section}: imap=${imap.children.length} mime=${mime.children.length}`);
    return out;
  }
  for (let i = 0; i < imap.children.length; i++)
    compareTrees(imap.children[i]!, mime.children[i]!, out);
  return out;
}

/** The corpus message as appended: line ends made CRLF, as IMAP stores and counts them. */
export function corpusBytes(file: string): Buffer {
  return Buffer.from(
    fs.readFileSync(path.join(CORPUS, file)).toString("latin1").replace(/\r?\n/g, "\r\n"),
    "latin1",
  );
}

export function corpusFiles(): string[] {
  return fs
    .readdirSync(CORPUS)
    .filter((f) => f.endsWith(".eml"))
    .sort();
}

/** APPEND every file to `mailbox`, fetch BODYSTRUCTURE, parse locally, compare. */
export async function compareCorpus(
  client: ImapClient,
  mailbox: string,
  files: string[],
): Promise<Map<string, string[]>> {
  const byUid = new Map<number, string>();
  for (const file of files) {
    const { uid } = await client.append(mailbox, corpusBytes(file));
    byUid.set(uid!, file);
  }
  await client.examine(mailbox);
  const results = new Map<string, string[]>();
  await client.fetchEach(
    "1:*",
    { bodyStructure: true },
    (message) => {
      const file = byUid.get(message.uid!)!;
      results.set(file, compareTrees(message.bodyStructure!, parseMessage(corpusBytes(file)).root));
    },
    { byUid: true },
  );
  return results;
}

/** The reason class a set of differences most likely belongs to; reviewed by hand after. */
export function classify(file: string, differences: string[]): keyof typeof REASONS | null {
  const fields = differences.map((d) => d.split("@")[0]);
  const has = (f: string) => fields.includes(f);
  const any = (re: RegExp) => differences.some((d) => re.test(d));
  if (file.includes("content-length")) return "mbox-content-length";
  if (differences.every((d) => /^(contentId|contentDescription)@/.test(d)))
    return "multipart-id-description";
  if (any(/message\/global/)) return "message-global";
  if (any(/^kind@.*imap="leaf" mime="(multipart|message)"/)) return "encoded-encapsulation";
  if (any(/^kind@.*imap="multipart" mime="leaf"/) && any(/^children@.*imap=1 mime=0/))
    return "no-usable-boundary";
  if (any(/^transferEncoding@/)) return "transfer-encoding-syntax";
  if (has("children") || any(/"boundary"/)) return "boundary-disagreement";
  if (differences.every((d) => /^(size|lines)@/.test(d))) {
    const sizes = differences.filter((d) => d.startsWith("size@"));
    const plusTwo = (d: string) => {
      const m = /imap=(\d+) mime=(\d+)/.exec(d);
      return m !== null && Number(m[1]) - Number(m[2]) === 2;
    };
    return sizes.length > 0 && sizes.every(plusTwo) ? "trailing-crlf" : "header-body-separator";
  }
  if (any(/^(params|filename|contentType|lines)@/)) return "parameter-syntax";
  if (any(/^disposition@/)) return "disposition-syntax";
  return null;
}

async function regenerate(): Promise<void> {
  const { connectStack, removeTree, uniqueName } = await import("./stack-client.ts");
  const client = await connectStack("dave");
  const mailbox = uniqueName("parity");
  await client.createMailbox(mailbox);
  try {
    const results = await compareCorpus(client, mailbox, corpusFiles());
    const previous: Record<string, ParityException> = fs.existsSync(EXCEPTIONS_FILE)
      ? JSON.parse(fs.readFileSync(EXCEPTIONS_FILE, "utf8"))
      : {};
    const out: Record<string, ParityException> = {};
    let agree = 0;
    for (const [file, differences] of [...results].sort()) {
      if (differences.length === 0) {
        agree++;
        continue;
      }
      const reason = previous[file]?.reason ?? classify(file, differences);
      if (!reason) process.stdout.write(`UNCLASSIFIED ${file}: ${differences.join(" ;; ")}\n`);
      out[file] = { reason: reason ?? ("unclassified" as keyof typeof REASONS), differences };
    }
    fs.writeFileSync(EXCEPTIONS_FILE, `${JSON.stringify(out, null, 1)}\n`);
    process.stdout.write(
      `${agree} of ${results.size} agree; ${Object.keys(out).length} exceptions written\n`,
    );
  } finally {
    await removeTree(client, mailbox);
    await client.logout();
  }
}

if (
  process.argv[1] &&
  import.meta.filename === path.resolve(process.argv[1]) &&
  process.argv.includes("--write")
) {
  await regenerate();
}
