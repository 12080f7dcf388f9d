/**
 * Optional extra: a handful of real messages from other projects' test suites
 * (../shared/corpus/public, see its README and manifest for sources and licences), byte for
 * byte, into a "Real-world samples" mailbox. A fresh clone has no ../shared: then there are
 * none, and the demo is complete without them.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REAL_WORLD_FOLDER = "Real-world samples";

const CORPUS = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../shared/corpus/public",
);

/** Chosen for variety, each without structural defects (manifest.tsv tags). */
export const REAL_WORLD_FILES = [
  "flanker-bounce-mailbox-full.eml", // bounce: mailbox full
  "postalmime-fixtures-bounce.eml", // bounce with the original attached
  "flanker-bounce-delayed.eml", // delayed-delivery DSN
  "thunderbird-data-meet-meeting-invite.eml", // calendar invitation
  "mailcore2-input-1021-chinese.eml", // Chinese
  "mailcore2-input-4925-japanese.eml", // Japanese
  "mailcore2-input-1798-korean.eml", // Korean
  "mailcore2-jwz-139.eml", // an HTML newsletter of its day
  "enmime-mail-html-mime-inline.eml", // multipart/related inline image
  "enmime-mail-mime-signed.eml", // PGP/MIME signed
  "mailcore2-jwz-105.eml", // S/MIME signed
  "roundcube-INBOX-tnef1.eml", // winmail.dat (TNEF)
  "rubymail-multi_charset-japanese_attachment_long_name.eml", // RFC 2231 long file name
];

/** True when the shared corpus is there. */
export function hasRealWorldCorpus() {
  return fs.existsSync(CORPUS);
}

/**
 * The samples as deliverable messages (an mbox "From " line, which a few files keep, is not
 * part of the message); none when ../shared/corpus/public is absent.
 * @returns {{ bytes: Buffer, flags: string[], internalDate: Date }[]}
 */
export function realWorldSamples() {
  if (!hasRealWorldCorpus()) return [];
  return REAL_WORLD_FILES.filter((name) => fs.existsSync(path.join(CORPUS, name))).map((name) => {
    let bytes = fs.readFileSync(path.join(CORPUS, name));
    if (bytes.subarray(0, 5).toString("latin1") === "From ")
      bytes = bytes.subarray(bytes.indexOf(0x0a) + 1);
    const ends = [bytes.indexOf("\r\n\r\n"), bytes.indexOf("\n\n")].filter((i) => i >= 0);
    const head = bytes.subarray(0, ends.length > 0 ? Math.min(...ends) : 4096).toString("latin1");
    const date = /^Date:[ \t]*(.+(?:\r?\n[ \t].+)*)/im
      .exec(head)?.[1]
      ?.replace(/\r?\n[ \t]+/g, " ");
    const parsed = date ? new Date(date.replace(/\s*\([^)]*\)\s*$/, "")) : new Date(Number.NaN);
    return {
      bytes,
      flags: ["\\Seen"],
      internalDate: Number.isNaN(parsed.getTime()) ? new Date("2010-01-01T12:00:00Z") : parsed,
    };
  });
}
