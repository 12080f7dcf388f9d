/**
 * Realistic send times: each sender writes in their own time zone (the Date header carries
 * its offset, DST included, through Intl), work mail in office hours, newsletters at their
 * fixed hour, and more mail lately than months ago.
 */

const DAY = 86_400_000;
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Building a DateTimeFormat is slow; one per zone is reused. @type {Map<string, Intl.DateTimeFormat>} */
const formats = new Map();

/**
 * Minutes east of UTC of `timeZone` at `date`.
 * @param {Date} date @param {string} timeZone an IANA name
 */
export function zoneOffsetMinutes(date, timeZone) {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
    formats.set(timeZone, format);
  }
  const name = format.formatToParts(date).find((p) => p.type === "timeZoneName")?.value;
  const match = /GMT([+-])(\d\d):(\d\d)/.exec(name ?? "");
  if (!match) return 0; // "GMT" alone: UTC
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === "-" ? -minutes : minutes;
}

/** @param {number} n */
const two = (n) => String(n).padStart(2, "0");

/**
 * An RFC 5322 date-time (section 3.3) as the sender's client writes it.
 * @param {Date} date @param {string} timeZone
 */
export function rfc5322Date(date, timeZone) {
  const offset = zoneOffsetMinutes(date, timeZone);
  const local = new Date(date.getTime() + offset * 60_000);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return (
    `${DAYS[local.getUTCDay()]}, ${two(local.getUTCDate())} ${MONTHS[local.getUTCMonth()]} ` +
    `${local.getUTCFullYear()} ${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:` +
    `${two(local.getUTCSeconds())} ${sign}${two(Math.floor(abs / 60))}${two(abs % 60)}`
  );
}

/**
 * Times relative to one fixed "now", never after it.
 * @param {Date} now
 * @param {import("./random.mjs").Random} rng
 */
export function createClock(now, rng) {
  const nowMs = now.getTime();
  return {
    now,
    /**
     * `daysAgo` days before now, at hour:minute local time in `timeZone`; a time later today
     * than now moves to the day before.
     * @param {number} daysAgo @param {number} hour @param {number} minute @param {string} timeZone
     */
    at(daysAgo, hour, minute, timeZone) {
      const second = rng.int(0, 59);
      const guess = new Date(nowMs - daysAgo * DAY);
      const offset = zoneOffsetMinutes(guess, timeZone);
      const local = new Date(guess.getTime() + offset * 60_000);
      const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
      let ms = midnight + ((hour * 60 + minute - offset) * 60 + second) * 1000;
      while (ms > nowMs - 60_000) ms -= DAY;
      return new Date(ms);
    },
    /**
     * How long ago a message came: up to `maxDays`, denser towards now (a mailbox fills up
     * over time, and the last weeks are what a newcomer scrolls through).
     * @param {number} maxDays
     */
    recentDays(maxDays) {
      return Math.floor(maxDays * rng.next() ** 2.2);
    },
    /** A weekday `daysAgo` or the nearest weekday before it. @param {number} daysAgo @param {string} timeZone */
    weekday(daysAgo, timeZone) {
      let d = daysAgo;
      for (;;) {
        const day = new Date(nowMs - d * DAY + zoneOffsetMinutes(now, timeZone) * 60_000);
        if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) return d;
        d += 1;
      }
    },
    /** `date` plus a random delay, capped just before now. @param {Date} date @param {number} minMinutes @param {number} maxMinutes */
    after(date, minMinutes, maxMinutes) {
      const ms = date.getTime() + rng.int(minMinutes * 60, maxMinutes * 60) * 1000;
      return new Date(Math.min(ms, nowMs - 30_000));
    },
  };
}

/** @typedef {ReturnType<typeof createClock>} Clock */
