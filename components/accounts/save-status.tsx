export interface SaveResult {
  ok: boolean;
  text: string;
}

/**
 * What saving an account setting did: a status when it worked, an alert when it did not,
 * named "<what> saved for <account>" / "<what> problem for <account>" for screen readers.
 */
export function SaveStatus({
  status,
  what,
  account,
}: {
  status: SaveResult | null;
  what: string;
  account: string;
}) {
  if (!status) return null;
  return status.ok ? (
    <p
      role="status"
      aria-label={`${what} saved for ${account}`}
      className="text-green-700 dark:text-green-400"
    >
      {status.text}
    </p>
  ) : (
    <p
      role="alert"
      aria-label={`${what} problem for ${account}`}
      className="text-red-700 dark:text-red-400"
    >
      {status.text}
    </p>
  );
}
