/**
 * "Re: " and "Fwd: " for replies and forwards, without stacking "Re: Re: AW: Re:".
 *
 * Clients in other languages write their own prefixes (Outlook translates them), so a thread
 * between people using different clients collects "AW: SV: Re:". We recognise the common ones
 * (after Thunderbird's mail.*_prefixes and Outlook's localisations), with a count ("Re[2]:",
 * "Re(2):"), a space before the colon (French) or a full-width colon (CJK), also after a
 * mailing-list tag ("[list] Re: x" becomes "Re: [list] x").
 *
 * The subject comes from received mail, so it is hostile: p14's decodes to
 * "Minutes\r\nBcc: ...". It is put on one line first (foreign-text.ts), so the reply stays
 * one Subject line.
 */
import { oneLine } from "./foreign-text.ts";

const REPLY = [
  "re",
  "aw",
  "antw",
  "sv",
  "vs",
  "ref",
  "réf",
  "rif",
  "odp",
  "ynt",
  "atb",
  "res",
  "resp",
  "odg",
  "ats",
  "bls",
  "vá",
  "απ",
  "σχετ",
  "отв",
  "відп",
  "回复",
  "回覆",
  "答复",
  "答覆",
  "返信",
  "返",
  "답장",
];
const FORWARD = [
  "fwd",
  "fw",
  "wg",
  "tr",
  "doorst",
  "vl",
  "vb",
  "rv",
  "enc",
  "pd",
  "i̇lt",
  "ilt",
  "πρθ",
  "пересл",
  "転送",
  "转发",
  "轉寄",
  "轉發",
  "전달",
];

function prefixPattern(words: readonly string[]): RegExp {
  const alternatives = [...words].sort((a, b) => b.length - a.length).join("|");
  return new RegExp(`^(?:${alternatives})\\s*(?:\\[\\d+\\]|\\(\\d+\\))?\\s*[:：]\\s*`, "iu");
}

const REPLY_PREFIX = prefixPattern(REPLY);
const FORWARD_PREFIX = prefixPattern(FORWARD);
const LIST_TAG = /^(\[[^\]]{1,64}\])\s*/;

/** The subject on one line: controls become spaces, runs of spaces one, trimmed. */
export function cleanSubject(subject: string): string {
  return oneLine(subject);
}

function stripAll(subject: string, prefix: RegExp): string {
  let rest = subject;
  for (;;) {
    const match = prefix.exec(rest);
    if (!match) break;
    rest = rest.slice(match[0].length);
  }
  return rest;
}

function strip(subject: string, prefix: RegExp): string {
  const rest = stripAll(subject, prefix);
  const tag = LIST_TAG.exec(rest);
  if (tag && prefix.test(rest.slice(tag[0].length))) {
    return `${tag[1]} ${stripAll(rest.slice(tag[0].length), prefix)}`.trim();
  }
  return rest;
}

/** The subject without any leading reply prefixes ("AW: Re[2]: x" gives "x"). */
export function stripReplyPrefixes(subject: string): string {
  return strip(cleanSubject(subject), REPLY_PREFIX);
}

export function stripForwardPrefixes(subject: string): string {
  return strip(cleanSubject(subject), FORWARD_PREFIX);
}

/** "Re: " + the subject without its reply prefixes. A forward prefix stays: "Re: Fwd: x". */
export function replySubject(subject: string): string {
  return `Re: ${stripReplyPrefixes(subject)}`.trimEnd();
}

/** "Fwd: " + the subject without its forward prefixes. A reply prefix stays: "Fwd: Re: x". */
export function forwardSubject(subject: string): string {
  return `Fwd: ${stripForwardPrefixes(subject)}`.trimEnd();
}
