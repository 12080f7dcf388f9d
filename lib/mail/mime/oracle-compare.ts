/**
 * Field-by-field comparison of our oracle-schema JSON (oracle-json.ts) with the corpus oracle's
 * expected JSON. Each difference is named `field` or `mime[path].field`, so an exceptions list
 * can name exactly one (message, field) pair. Normalisations, all stated here:
 * - text/html bodies: CRLF -> LF (the README's own suggestion);
 * - addresses: equal names, equal addresses with the domain compared case-insensitively;
 * - dates: compared as instants; an oracle date without an offset is read as UTC;
 * - a node's children are compared only when both sides agree on its kind and child count
 *   (otherwise the one `kind`/`children` difference stands for the subtree).
 * Oracle leaves of non-encapsulating message/* types have no size/sha256 (README item 9): not
 * compared.
 */
import type { OracleAddress, OracleHeaders, OracleJson, OracleNode } from "./oracle-json.ts";

/** The oracle's JSON, as far as the comparison reads it. */
export interface ExpectedNode {
  path: string;
  imap_section: string;
  content_type: string;
  filename: string | null;
  disposition: string | null;
  kind: "multipart" | "message" | "leaf";
  children?: ExpectedNode[];
  size?: number | null;
  sha256?: string | null;
  headers?: ExpectedHeaders;
}

export interface ExpectedHeaders {
  subject: string | null;
  from: OracleAddress[];
  to: OracleAddress[];
  cc: OracleAddress[];
  date: string | null;
  message_id: string | null;
}

export interface Expected {
  file: string;
  error?: string;
  headers: ExpectedHeaders;
  mime: ExpectedNode;
  text: string | null;
  html: string | null;
}

export interface Mismatch {
  /** `headers.subject`, `mime[0.1].sha256`, `text`, ... */
  field: string;
  /** The field kind without its path: `subject`, `sha256`, `text`, ... */
  kind: string;
  expected: unknown;
  actual: unknown;
}

/** Every field kind compared, for agreement rates. */
export const FIELD_KINDS = [
  "kind",
  "content_type",
  "children",
  "imap_section",
  "filename",
  "disposition",
  "size",
  "sha256",
  "subject",
  "from",
  "to",
  "cc",
  "message_id",
  "date",
  "text",
  "html",
] as const;

export type FieldKind = (typeof FIELD_KINDS)[number];

export interface Comparison {
  mismatches: Mismatch[];
  /** How many fields of each kind were compared. */
  compared: Record<FieldKind, number>;
}

function sameAddress(a: OracleAddress, b: OracleAddress): boolean {
  if (a.name !== b.name) return false;
  if ((a.group ?? null) !== (b.group ?? null)) return false;
  const at = (s: string) => s.lastIndexOf("@");
  const ia = at(a.address);
  const ib = at(b.address);
  if (ia === -1 || ib === -1) return a.address === b.address;
  return (
    a.address.slice(0, ia) === b.address.slice(0, ib) &&
    a.address.slice(ia).toLowerCase() === b.address.slice(ib).toLowerCase()
  );
}

function sameAddresses(a: OracleAddress[], b: OracleAddress[]): boolean {
  return a.length === b.length && a.every((x, i) => sameAddress(x, b[i]!));
}

function instant(iso: string | null): number | null {
  if (iso === null) return null;
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/.test(iso);
  const t = Date.parse(hasZone ? iso : `${iso}Z`);
  return Number.isNaN(t) ? null : t;
}

const lf = (s: string | null) => (s === null ? null : s.replace(/\r\n/g, "\n"));

class Collector {
  readonly mismatches: Mismatch[] = [];
  readonly compared = Object.fromEntries(FIELD_KINDS.map((k) => [k, 0])) as Record<
    FieldKind,
    number
  >;

  check(field: string, kind: FieldKind, expected: unknown, actual: unknown, equal: boolean): void {
    this.compared[kind]++;
    if (!equal) this.mismatches.push({ field, kind, expected, actual });
  }

  headers(prefix: string, expected: ExpectedHeaders, actual: OracleHeaders): void {
    this.check(
      `${prefix}subject`,
      "subject",
      expected.subject,
      actual.subject,
      expected.subject === actual.subject,
    );
    for (const key of ["from", "to", "cc"] as const) {
      this.check(
        `${prefix}${key}`,
        key,
        expected[key],
        actual[key],
        sameAddresses(expected[key], actual[key]),
      );
    }
    const mid = (s: string | null) => (s === null ? null : s.trim());
    this.check(
      `${prefix}message_id`,
      "message_id",
      expected.message_id,
      actual.message_id,
      mid(expected.message_id) === mid(actual.message_id),
    );
    this.check(
      `${prefix}date`,
      "date",
      expected.date,
      actual.date,
      instant(expected.date) === instant(actual.date),
    );
  }

  node(expected: ExpectedNode, actual: OracleNode): void {
    const at = `mime[${expected.path}].`;
    this.check(`${at}kind`, "kind", expected.kind, actual.kind, expected.kind === actual.kind);
    this.check(
      `${at}content_type`,
      "content_type",
      expected.content_type,
      actual.content_type,
      expected.content_type === actual.content_type,
    );
    this.check(
      `${at}imap_section`,
      "imap_section",
      expected.imap_section,
      actual.imap_section,
      expected.imap_section === actual.imap_section,
    );
    this.check(
      `${at}filename`,
      "filename",
      expected.filename,
      actual.filename,
      expected.filename === actual.filename,
    );
    this.check(
      `${at}disposition`,
      "disposition",
      expected.disposition,
      actual.disposition,
      expected.disposition === actual.disposition,
    );
    if (expected.headers && actual.headers)
      this.headers(`${at}headers.`, expected.headers, actual.headers);
    if (expected.kind !== actual.kind) return;
    if (expected.kind === "leaf") {
      if (expected.size !== null && expected.size !== undefined) {
        this.check(`${at}size`, "size", expected.size, actual.size, expected.size === actual.size);
        this.check(
          `${at}sha256`,
          "sha256",
          expected.sha256,
          actual.sha256,
          expected.sha256 === actual.sha256,
        );
      }
      return;
    }
    const ec = expected.children ?? [];
    const ac = actual.children ?? [];
    this.check(`${at}children`, "children", ec.length, ac.length, ec.length === ac.length);
    if (ec.length !== ac.length) return;
    for (let i = 0; i < ec.length; i++) this.node(ec[i]!, ac[i]!);
  }
}

export function compareWithOracle(expected: Expected, actual: OracleJson): Comparison {
  const c = new Collector();
  c.headers("headers.", expected.headers, actual.headers);
  c.node(expected.mime, actual.mime);
  c.check("text", "text", expected.text, actual.text, lf(expected.text) === lf(actual.text));
  c.check("html", "html", expected.html, actual.html, lf(expected.html) === lf(actual.html));
  return { mismatches: c.mismatches, compared: c.compared };
}
