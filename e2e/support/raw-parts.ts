/**
 * The bytes a download must equal, read straight from the raw message the test delivered:
 * deliberately not through lib/mail/mime, so a bug there cannot hide in the expectation.
 * Enough MIME for the demo's simple base64 attachments, nothing more.
 */
export function base64PartNamed(raw: Buffer, filename: string): Buffer {
  const lines = raw.toString("latin1").split(/\r?\n/);
  const names = [`filename=${filename}`, `filename="${filename}"`];
  const at = lines.findIndex((line) => names.some((n) => line.includes(n)));
  if (at < 0) throw new Error(`no part named ${filename}`);
  // The part's header ends at the first empty line; its body ends at the next boundary line.
  let start = at;
  while (start < lines.length && lines[start] !== "") start++;
  let end = start + 1;
  while (end < lines.length && !(lines[end] ?? "").startsWith("--")) end++;
  return Buffer.from(lines.slice(start + 1, end).join(""), "base64");
}
