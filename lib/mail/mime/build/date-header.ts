/** The Date header (RFC 5322 section 3.3): "Mon, 23 Nov 2026 05:37:55 +0000". */
import { MailError } from "../../errors.ts";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/**
 * `offsetMinutes` east of UTC says which local time to write (+0000 when 0: RFC 5322 reads
 * "-0000" as "zone unknown", which is not what a server clock means). The day is always two
 * digits so the header has a fixed length (exact size estimates).
 */
export function formatDate(date: Date, offsetMinutes = 0): string {
  if (Number.isNaN(date.getTime()))
    throw new MailError("INVALID_INPUT", "the Date is not a valid date");
  if (!Number.isInteger(offsetMinutes) || Math.abs(offsetMinutes) >= 24 * 60) {
    throw new MailError("INVALID_INPUT", "the time zone offset must be whole minutes within a day");
  }
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const year = local.getUTCFullYear();
  if (year < 1900 || year > 9999)
    throw new MailError("INVALID_INPUT", "the Date year is out of range");
  const sign = offsetMinutes < 0 ? "-" : "+";
  const zone = `${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}${pad(Math.abs(offsetMinutes) % 60)}`;
  return (
    `${DAYS[local.getUTCDay()]}, ${pad(local.getUTCDate())} ${MONTHS[local.getUTCMonth()]} ${year} ` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} ${zone}`
  );
}
