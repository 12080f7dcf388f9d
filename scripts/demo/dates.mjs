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
     * `daysAgo` days before now, at hour:minute local time in `timeZone`. A time later today
     * than now is squeezed into the part of today since 07:00 (keeping its place in the day),
     * or moved to yesterday when the day has barely begun; no randomness is spent on it, so
     * what else is drawn does not depend on "now".
     * @param {number} daysAgo @param {number} hour @param {number} minute @param {string} timeZone
     */
    at(daysAgo, hour, minute, timeZone) {
      const second = rng.int(0, 59);
      const guess = new Date(nowMs - daysAgo * DAY);
      const offset = zoneOffsetMinutes(guess, timeZone);
      const local = new Date(guess.getTime() + offset * 60_000);
      const midnight =
        Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - offset * 60_000;
      const dayFraction = (hour * 3600 + minute * 60 + second) / 86_400;
      let ms = midnight + dayFraction * DAY;
      if (ms > nowMs - 60_000) {
        const waking = midnight + 7 * 3_600_000;
        const awake = nowMs - 60_000 - waking;
        ms = awake > 2 * 3_600_000 ? waking + dayFraction * awake : ms - DAY;
      }
      return new Date(Math.floor(ms / 1000) * 1000);
    },
    /**
     * Like `at`, on the nearest working day at or before that (office mail is not sent on
     * Saturdays and Sundays in the sender's zone).
     * @param {number} daysAgo @param {number} hour @param {number} minute @param {string} timeZone
     */
    atWorkday(daysAgo, hour, minute, timeZone) {
      let date = this.at(daysAgo, hour, minute, timeZone);
      for (;;) {
        const day = new Date(
          date.getTime() + zoneOffsetMinutes(date, timeZone) * 60_000,
        ).getUTCDay();
        if (day !== 0 && day !== 6) return date;
        date = new Date(date.getTime() - DAY);
      }
    },
    /**
     * How long ago a message came: up to `maxDays`, denser towards now (a mailbox fills up
     * over time, and the last weeks are what a newcomer scrolls through).
     * @param {number} maxDays
     */
    recentDays(maxDays) {
      return Math.floor(maxDays * rng.next() ** 1.8);
    },
    /** `date` plus a random delay, capped just before now. @param {Date} date @param {number} minMinutes @param {number} maxMinutes */
    after(date, minMinutes, maxMinutes) {
      const ms = date.getTime() + rng.int(minMinutes * 60, maxMinutes * 60) * 1000;
      return new Date(Math.min(ms, nowMs - 30_000));
    },
  };
}

/** @typedef {ReturnType<typeof createClock>} Clock */
