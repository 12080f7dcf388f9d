/**
 * Dates as mail really writes them, for the Date header and the tail of Received fields:
 * RFC 5322 section 3.3 date-time plus the obsolete forms of section 4.3 (two- and three-digit
 * years, zone names, military zones, missing seconds), and what decades of MTAs added on top:
 * missing day names or commas, `dd-Mon-yyyy`, asctime order (`Mon Jul  1 15:55:21 1996`),
 * AM/PM, a zone in a trailing comment or spelled out ("Pacific Standard Time"), three-digit
 * offsets ("-600").
 *
 * Internal to lib/mail/headers: the MIME parser's own date module did not exist yet when this
 * was written. Returns null rather than guessing when the day, month, year or time is missing
 * or out of range.
 */

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/**
 * Zone names, in minutes east of UTC. The first block is RFC 5322 section 4.3's obs-zone; the
 * rest are names seen in real Received and Date fields (jwz's and MIME-tools' archives, Smail,
 * Lotus, SLmail). Ambiguous abbreviations (IST, BST outside the UK...) take their most common
 * meaning in mail.
 */
const ZONES: Record<string, number> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  // seen in the wild
  wet: 0,
  west: 60,
  bst: 60,
  cet: 60,
  met: 60,
  mez: 60,
  cest: 120,
  mest: 120,
  mes: 120,
  mesz: 120,
  eet: 120,
  eest: 180,
  msk: 180,
  ist: 330,
  uzt: 300,
  ict: 420,
  hkt: 480,
  sgt: 480,
  awst: 480,
  jst: 540,
  kst: 540,
  acst: 570,
  aest: 600,
  aedt: 660,
  nzst: 720,
  nzdt: 780,
  hst: -600,
  akst: -540,
  akdt: -480,
  ast: -240,
  adt: -180,
  nst: -210,
  ndt: -150,
  // Windows time zone names, written out by SLmail and some Exchange gateways
  "pacific standard time": -480,
  "pacific daylight time": -420,
  "mountain standard time": -420,
  "mountain daylight time": -360,
  "central standard time": -360,
  "central daylight time": -300,
  "eastern standard time": -300,
  "eastern daylight time": -240,
};

const DAY_MONTH_YEAR =
  /^(?:[a-z]+\.?\s*,?\s*)?0?(\d{1,2})(?:\s*[-\s]\s*|\s+)([a-z]{3,9})\.?(?:\s*[-\s]\s*|\s+),?(\d{2,4})(?![\d:])[\s,]*(.*)$/i;
const ASCTIME = /^(?:[a-z]+\s*,?\s*)?([a-z]{3,9})\.?\s+(\d{1,2})\s*,?\s+(.*)$/i;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[T\s](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?/i;
const TIME = /^(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?(?:\.\d+)?\s*(?:([ap])\.?m\.?(?![a-z]))?\s*(.*)$/i;

function monthIndex(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase());
}

/** RFC 5322 section 4.3: two-digit years below 50 are 20xx, others 19xx; three digits add 1900. */
function fullYear(text: string): number {
  const year = Number(text);
  if (text.length === 2) return year < 50 ? 2000 + year : 1900 + year;
  if (text.length === 3) return 1900 + year;
  return year;
}

/**
 * Minutes east of UTC for the text after the time. A numeric offset wins over any name (the
 * "(PDT)" after "-0700" is a comment). Unknown names and a missing zone count as UTC: RFC 5322
 * section 4.3 says an unknown zone SHOULD be read as "-0000" (UTC, local zone unknown), and so
 * are the military letters, whose signs RFC 822 got backwards.
 */
function zoneOffset(rest: string): number | null {
  const text = rest.replace(/\([^)]*\)?/g, " ").trim();
  const numeric = /^([+-])\s?(\d{1,2}):?(\d{2})\b/.exec(text);
  if (numeric) {
    const [, sign, hh, mm] = numeric as unknown as [string, string, string, string];
    if (Number(mm) > 59) return null;
    const minutes = Number(hh) * 60 + Number(mm);
    return sign === "-" ? -minutes : minutes;
  }
  const name = text.toLowerCase().replace(/\s+/g, " ");
  for (const candidate of [name, name.split(" ")[0] ?? ""]) {
    const known = ZONES[candidate];
    if (known !== undefined) return known;
  }
  return 0;
}

function build(
  year: number,
  month: number,
  day: number,
  time: RegExpExecArray,
  zone: number | null,
): Date | null {
  if (month < 0 || zone === null) return null;
  let hour = Number(time[1]);
  const minute = Number(time[2]);
  // RFC 5322 allows second 60 (a leap second); Date cannot hold it, so it becomes :59.
  const second = Math.min(Number(time[3] ?? 0), 59);
  const meridiem = time[4]?.toLowerCase();
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === "p" ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || Number(time[3] ?? 0) > 60) return null;
  if (year < 1000 || year > 9999 || day < 1 || day > 31) return null;
  const utc = Date.UTC(year, month, day, hour, minute, second);
  // Date.UTC rolls 31 Feb over into March; a date that moved was not a date.
  if (new Date(utc).getUTCDate() !== day) return null;
  return new Date(utc - zone * 60_000);
}

/** Reads a mail date-time; null when it is not one. */
export function parseMailDate(input: string): Date | null {
  const text = input.replace(/\s+/g, " ").trim();
  if (text === "") return null;

  const iso = ISO.exec(text);
  if (iso) {
    const time = TIME.exec(`${iso[4]}:${iso[5]}:${iso[6] ?? "0"}`)!;
    const zone = iso[7] ? zoneOffset(iso[7].toUpperCase() === "Z" ? "UTC" : iso[7]) : 0;
    return build(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]), time, zone);
  }

  const dmy = DAY_MONTH_YEAR.exec(text);
  if (dmy) {
    const [, day, month, year, rest] = dmy as unknown as [string, string, string, string, string];
    const time = TIME.exec(rest);
    if (!time) return null;
    return build(fullYear(year), monthIndex(month), Number(day), time, zoneOffset(time[5] ?? ""));
  }

  // asctime(3) / mbox order: "Mon Jul  1 15:55:21 1996", optionally a zone before the year.
  const asc = ASCTIME.exec(text);
  if (asc) {
    const [, month, day, rest] = asc as unknown as [string, string, string, string];
    const time = TIME.exec(rest);
    if (!time) return null;
    const tail = /^(?:([a-z]{1,5}|[+-]\d{4})\s+)?(\d{4})\b(.*)$/i.exec(time[5] ?? "");
    if (!tail) return null;
    const zone = zoneOffset(tail[1] ?? tail[3] ?? "");
    return build(Number(tail[2]), monthIndex(month), Number(day), time, zone);
  }
  return null;
}
