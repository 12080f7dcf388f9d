/**
 * URLs of the mail screens. Mailbox names can hold anything ("/", "%", spaces, non-ASCII),
 * so each is one path segment, percent-encoded; `fromSegment` reverses it.
 */
export function mailboxHref(accountId: string, mailbox: string): string {
  return `/mail/${encodeURIComponent(accountId)}/${encodeURIComponent(mailbox)}`;
}

export function messageHref(accountId: string, mailbox: string, uid: number): string {
  return `${mailboxHref(accountId, mailbox)}/${uid}`;
}

/**
 * A URL path segment as text. Route params arrive still percent-encoded in some Next versions
 * and decoded in others; a malformed escape (a hand-edited URL) is kept as typed.
 */
export function fromSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function partHref(
  accountId: string,
  mailbox: string,
  uid: number,
  section: string,
  disposition: "inline" | "attachment",
): string {
  const base = `/api/mail/${encodeURIComponent(accountId)}/${encodeURIComponent(mailbox)}/${uid}`;
  return `${base}/part/${encodeURIComponent(section || "TEXT")}?disposition=${disposition}`;
}

export function sourceHref(accountId: string, mailbox: string, uid: number, download: boolean) {
  const base = `/api/mail/${encodeURIComponent(accountId)}/${encodeURIComponent(mailbox)}/${uid}`;
  return `${base}/source${download ? "?download=1" : ""}`;
}

/** A message opened from "All inboxes" (always in its account's INBOX). */
export function unifiedHref(row: { accountId: string; uid: number }): string {
  return `/mail/all/${encodeURIComponent(row.accountId)}/${row.uid}`;
}
