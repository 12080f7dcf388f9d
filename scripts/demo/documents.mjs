/**
 * Attachment files made in code, each valid for its type: a one-page PDF (PDF 1.4, exact xref
 * offsets), a ZIP (APPNOTE 6.3, deflated entries), an iCalendar invitation (RFC 5545/5546), a
 * WAV recording (RIFF PCM, about 2 MB: the big attachment), CSV and plain text.
 */
import zlib from "node:zlib";
import { crc32 } from "./crc32.mjs";

/** @param {string} text */
const pdfString = (text) => `(${text.replace(/([()\\])/g, "\\$1")})`;

/**
 * A one-page A4 PDF: a bold title, lines of text, and optional table rows on grey bands.
 * Helvetica is one of the 14 standard fonts, so nothing is embedded; text must be ASCII.
 * @param {{ title: string, lines: string[], rows?: string[][], author?: string }} doc
 */
export function makePdf(doc) {
  if (/[^\x20-\x7e]/.test([doc.title, ...doc.lines, ...(doc.rows ?? []).flat()].join(""))) {
    throw new Error("makePdf writes ASCII text only");
  }
  const ops = ["BT /F1 20 Tf 56 770 Td", `${pdfString(doc.title)} Tj ET`];
  let y = 735;
  for (const line of doc.lines) {
    ops.push(`BT /F2 11 Tf 56 ${y} Td ${pdfString(line)} Tj ET`);
    y -= 16;
  }
  y -= 10;
  for (const [i, row] of (doc.rows ?? []).entries()) {
    if (i % 2 === 0) ops.push(`0.93 g 50 ${y - 5} 495 18 re f 0 g`);
    row.forEach((cell, c) => {
      ops.push(`BT /F${i === 0 ? 1 : 2} 10 Tf ${56 + c * 125} ${y} Td ${pdfString(cell)} Tj ET`);
    });
    y -= 18;
  }
  const stream = ops.join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    `<< /Title ${pdfString(doc.title)} /Author ${pdfString(doc.author ?? "Letterbox demo")} /Producer (Letterbox demo generator) >>`,
  ];
  let out = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets = [];
  for (const [i, body] of objects.entries()) {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  }
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

/** MS-DOS date and time of a Date (ZIP stores local time; the demo uses UTC). @param {Date} d */
function dosDateTime(d) {
  const time = (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1);
  const date = ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate();
  return { time, date };
}

/**
 * A ZIP archive of deflated entries; names are flagged UTF-8 (general purpose bit 11).
 * @param {{ name: string, data: Uint8Array }[]} entries @param {Date} modified
 */
export function makeZip(entries, modified) {
  const { time, date } = dosDateTime(modified);
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const packed = zlib.deflateRawSync(entry.data, { level: 9 });
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x031e, 4); // made by: Unix, spec 3.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // external attributes: a regular file
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** @param {Date} d */
export const icsTime = (d) =>
  d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

/** RFC 5545 section 3.1: lines of at most 75 octets, continued with a leading space. @param {string} line */
function foldIcs(line) {
  const bytes = Buffer.from(line, "utf8");
  if (bytes.length <= 75) return line;
  const parts = [];
  let current = "";
  for (const ch of line) {
    if (Buffer.byteLength(current + ch, "utf8") > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = "";
    }
    current += ch;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

/** @param {string} text */
const icsText = (text) => text.replace(/([\\;,])/g, "\\$1").replace(/\n/g, "\\n");

/**
 * An iTIP invitation (RFC 5546 METHOD:REQUEST) in UTC, so no VTIMEZONE is needed.
 * @param {{ uid: string, summary: string, location: string, description: string, start: Date,
 *   end: Date, stamp: Date, organizer: { name?: string, email: string },
 *   attendees: { name?: string, email: string }[] }} event
 */
export function makeInvitation(event) {
  const lines = [
    "BEGIN:VCALENDAR",
    "PRODID:-//Looking Glass Analytics//Team Calendar 2.1//EN",
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    "METHOD:REQUEST",
    "BEGIN:VEVENT",
    `UID:${event.uid}`,
    `DTSTAMP:${icsTime(event.stamp)}`,
    `DTSTART:${icsTime(event.start)}`,
    `DTEND:${icsTime(event.end)}`,
    `SUMMARY:${icsText(event.summary)}`,
    `LOCATION:${icsText(event.location)}`,
    `DESCRIPTION:${icsText(event.description)}`,
    `ORGANIZER;CN="${event.organizer.name ?? ""}":mailto:${event.organizer.email}`,
    ...event.attendees.map(
      (a) =>
        `ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN="${a.name ?? ""}":mailto:${a.email}`,
    ),
    "SEQUENCE:0",
    "STATUS:CONFIRMED",
    "TRANSP:OPAQUE",
    "BEGIN:VALARM",
    "ACTION:DISPLAY",
    "DESCRIPTION:Reminder",
    "TRIGGER:-PT15M",
    "END:VALARM",
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return Buffer.from(`${lines.map(foldIcs).join("\r\n")}\r\n`, "utf8");
}

/**
 * A mono 16-bit PCM WAV of a simple tune with a soft envelope: about 2 MB at 44.1 kHz for
 * 24 seconds, the demo's large attachment (and one a browser can play).
 * @param {number} [seconds]
 */
export function makeWav(seconds = 24) {
  let wav = wavs.get(seconds);
  if (!wav) {
    wav = synthesise(seconds);
    wavs.set(seconds, wav);
  }
  return wav;
}

/** @type {Map<number, Buffer>} */
const wavs = new Map();

/** @param {number} seconds */
function synthesise(seconds) {
  const rate = 44_100;
  const samples = rate * seconds;
  const notes = [262, 262, 294, 262, 349, 330, 262, 262, 294, 262, 392, 349]; // a birthday tune
  const noteLength = Math.floor(samples / notes.length);
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) {
    const n = Math.min(notes.length - 1, Math.floor(i / noteLength));
    const t = (i % noteLength) / noteLength;
    const envelope = Math.min(1, t * 20) * (1 - t) ** 1.5;
    const f = /** @type {number} */ (notes[n]);
    const v = Math.sin((2 * Math.PI * f * i) / rate) + 0.3 * Math.sin((4 * Math.PI * f * i) / rate);
    data.writeInt16LE(Math.round(v * envelope * 9000), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVEfmt ", 8, "ascii");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36, "ascii");
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** Rows to CSV (RFC 4180: CRLF, quotes doubled), with the BOM spreadsheet apps write. @param {(string | number)[][]} rows */
export function makeCsv(rows) {
  const cell = (/** @type {string | number} */ v) =>
    /[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v);
  return Buffer.from(`\ufeff${rows.map((r) => r.map(cell).join(",")).join("\r\n")}\r\n`, "utf8");
}
