/**
 * Date header values (RFC 5322 section 3.3 and the obsolete forms of section 4.3) to UTC.
 * Accepted: optional day name, `day month year`, `HH:MM[:SS]`, numeric zones, the RFC's named
 * zones (UT, GMT, EST...PDT, military letters), common other zone names (CET, JST, MES, ...),
 * comments (nested too), two- and three-digit years (section 4.3: 00-49 -> 20xx, 50-99 -> 19xx,
 * three digits + 1900), and the wild variants seen in real mail: asctime (`Fri Apr 20 20:18:00
 * 2001`), ISO 8601, missing seconds, dots instead of colons, a day with a leading zero too many
 * (`029 Apr`), a 12-hour clock (`12:29:13 AM`), spelled-out North American zones (`Pacific
 * Standard Time`, SLmail), missing zone (read as UTC). Anything else is "unknown" (null): a
 * wrong date is worse than none.
 */
import { withoutComments } from "./lexical.ts";

const MONTHS: Record<string, number> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};

/** Zone offsets in minutes east of UTC. RFC 5322 section 4.3 names, then common ones. */
const ZONES: Record<string, number> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  wet: 0,
  bst: 60,
  ist: 60,
  cet: 60,
  met: 60,
  mez: 60,
  cest: 120,
  mest: 120,
  // German "Mitteleuropäische Sommerzeit" (smail 3 in mime4j's test messages): like MESZ.
  mes: 120,
  mesz: 120,
  eet: 120,
  eest: 180,
  msk: 180,
  msd: 240,
  west: 60,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  ast: -240,
  adt: -180,
  nst: -210,
  ndt: -150,
  akst: -540,
  akdt: -480,
  hst: -600,
  jst: 540,
  kst: 540,
  hkt: 480,
  sgt: 480,
  awst: 480,
  acst: 570,
  aest: 600,
  aedt: 660,
  nzst: 720,
  nzdt: 780,
};

/**
 * Spelled-out North American zones (SLmail and other Windows mailers wrote the name Windows
 * shows: "Pacific Standard Time"), as the RFC 5322 section 4.3 abbreviations they stand for.
 */
const SPELLED_ZONES: Record<string, number> = {
  "atlantic standard time": -240,
  "atlantic daylight time": -180,
  "eastern standard time": -300,
  "eastern daylight time": -240,
  "central standard time": -360,
  "central daylight time": -300,
  "mountain standard time": -420,
  "mountain daylight time": -360,
  "pacific standard time": -480,
  "pacific daylight time": -420,
  "alaska standard time": -540,
  "alaska daylight time": -480,
  "hawaii standard time": -600,
  "hawaii-aleutian standard time": -600,
  "newfoundland standard time": -210,
  "newfoundland daylight time": -150,
};
const SPELLED_ZONE =
  "(?:atlantic|eastern|central|mountain|pacific|alaska|hawaii(?:-aleutian)?|newfoundland) (?:standard|daylight) time";

export interface ParsedDate {
  /** The instant, or null when the value could not be understood. */
  date: Date | null;
  /** True when no zone was given and UTC was assumed. */
  zoneAssumed: boolean;
}

function zoneOffset(token: string | undefined): number | null {
  if (!token) return null;
  // `-600` (three digits) is seen from old mailers: hours then minutes, like `-0600`.
  // An unsigned `0800` (old mailers forgot the sign) is read as east of UTC, as Python does.
  const numeric = /^([+-]?)(\d{1,2}):?(\d{2})$/.exec(token);
  if (numeric) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3]);
    if (Number(numeric[3]) > 59) return null;
    return numeric[1] === "-" ? -minutes : minutes;
  }
  const named = ZONES[token.toLowerCase()] ?? SPELLED_ZONES[token.toLowerCase()];
  if (named !== undefined) return named;
  // Military single letters are ambiguous in practice; RFC 5322 section 4.3 says treat as -0000.
  if (/^[a-ik-z]$/i.test(token)) return 0;
  return null;
}

function fullYear(text: string): number {
  const year = Number(text);
  if (text.length === 2) return year < 50 ? 2000 + year : 1900 + year;
  if (text.length === 3) return 1900 + year;
  return year;
}

function build(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  offset: number | null,
): ParsedDate {
  if (
    month < 0 ||
    month > 11 ||
    day < 1 ||
    day > 31 ||
    hour < 0 ||
    hour > 23 ||
    minute > 59 ||
    second > 60
  ) {
    return { date: null, zoneAssumed: false };
  }
  if (year < 1000 || year > 9999) return { date: null, zoneAssumed: false };
  const utc =
    Date.UTC(year, month, day, hour, minute, Math.min(second, 59)) - (offset ?? 0) * 60_000;
  const date = new Date(utc);
  if (Number.isNaN(date.getTime())) return { date: null, zoneAssumed: false };
  // Date.UTC rolls 31 Feb over to March: refuse instead of inventing a day.
  if (new Date(Date.UTC(year, month, day)).getUTCDate() !== day)
    return { date: null, zoneAssumed: false };
  return { date, zoneAssumed: offset === null };
}

// Groups: day, month, year, hour, minute, second, AM/PM, zone. The day may carry one leading
// zero too many ("Thu, 029 Apr 2011", a Barracuda gateway); a spelled-out zone is tried before
// the 1-5 letter one, which would otherwise take its first word.
const RFC5322 = new RegExp(
  "^(?:[a-z]+\\.?,?\\s*)?0?(\\d{1,2})(?:\\s+|-)([a-z]{3})[a-z]*\\.?(?:\\s+|-)(\\d{2,4})\\s+(\\d{1,2})[:.](\\d{1,2})(?:[:.](\\d{1,2}))?(?:\\.\\d+)?" +
    `(?:\\s*([ap])\\.?m\\b\\.?)?\\s*(${SPELLED_ZONE}|[+-]\\d{1,2}:?\\d{2}|\\d{4}|[a-z]{1,5})?(?:\\s*[+-]\\d{4})?`,
  "i",
);
const ASCTIME =
  /^(?:[a-z]+,?\s+)?([a-z]{3})[a-z]*\s+(\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s+(?:([a-z]{1,5}|[+-]\d{4})\s+)?(\d{4})/i;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[T\s](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?/i;

/**
 * The hour of a 12-hour clock on the 24-hour one: "12:29 AM" is 00:29, "1:17 PM" 13:17. An hour
 * past 12 with AM or PM is not a time (-1, refused by `build`).
 */
function hour24(hour: number, meridiem: string | undefined): number {
  if (meridiem === undefined) return hour;
  if (hour > 12) return -1;
  const pm = meridiem.toLowerCase() === "p";
  return (hour % 12) + (pm ? 12 : 0);
}

export function parseDate(value: string | null | undefined): ParsedDate {
  if (!value) return { date: null, zoneAssumed: false };
  // Comments (the "(PST)" after a numeric zone) and surrounding white space carry nothing.
  const text = withoutComments(value).replace(/\s+/g, " ").trim();
  let m = RFC5322.exec(text);
  if (m) {
    const month = MONTHS[m[2]!.toLowerCase()];
    if (month === undefined) return { date: null, zoneAssumed: false };
    const zone = m[8];
    const offset = zoneOffset(zone);
    if (zone && offset === null && !/^[a-z]+$/i.test(zone))
      return { date: null, zoneAssumed: false };
    return build(
      fullYear(m[3]!),
      month,
      Number(m[1]),
      hour24(Number(m[4]), m[7]),
      Number(m[5]),
      Number(m[6] ?? 0),
      offset,
    );
  }
  m = ASCTIME.exec(text);
  if (m) {
    const month = MONTHS[m[1]!.toLowerCase()];
    if (month === undefined) return { date: null, zoneAssumed: false };
    return build(
      Number(m[7]),
      month,
      Number(m[2]),
      Number(m[3]),
      Number(m[4]),
      Number(m[5] ?? 0),
      zoneOffset(m[6]),
    );
  }
  m = ISO.exec(text);
  if (m) {
    const zone = m[7] === undefined ? null : m[7].toUpperCase() === "Z" ? 0 : zoneOffset(m[7]);
    return build(
      Number(m[1]),
      Number(m[2]) - 1,
      Number(m[3]),
      Number(m[4]),
      Number(m[5]),
      Number(m[6] ?? 0),
      zone,
    );
  }
  return { date: null, zoneAssumed: false };
}

/** ISO 8601 in UTC, or "unknown". */
export function formatUtc(date: Date | null): string {
  return date ? date.toISOString() : "unknown";
}
