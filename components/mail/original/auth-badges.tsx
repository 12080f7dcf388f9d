import type { AuthView } from "@/lib/server/mail/original/original-view";

const NAMES = { spf: "SPF", dkim: "DKIM", dmarc: "DMARC", arc: "ARC" } as const;

function tone(result: string): string {
  if (result === "pass")
    return "border-green-300 bg-green-50 text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-200";
  if (["fail", "permerror", "softfail"].includes(result))
    return "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200";
  if (result === "temperror")
    return "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200";
  return "border-zinc-300 bg-zinc-50 text-zinc-800 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200";
}

/**
 * SPF, DKIM, DMARC and ARC as the receiving side found them. Which Authentication-Results were
 * believed is said in words: a badge is only as good as the server that wrote it.
 */
export function AuthBadges({ auth }: { auth: AuthView }) {
  const missing = (Object.keys(NAMES) as (keyof typeof NAMES)[]).filter(
    (m) => !auth.badges.some((b) => b.method === m),
  );
  const ids = auth.authservIds.join(", ");
  return (
    <section aria-labelledby="original-auth" className="px-5 py-3">
      <h2 id="original-auth" className="mb-2 text-base font-semibold">
        Authentication
      </h2>
      {auth.fieldCount === 0 ? (
        <p className="text-sm text-zinc-500">
          No Authentication-Results: the receiving server recorded no SPF, DKIM or DMARC checks.
        </p>
      ) : (
        <>
          <ul aria-label="Authentication results" className="flex flex-wrap gap-2">
            {auth.badges.map((badge) => (
              <li
                key={badge.method}
                aria-label={`${NAMES[badge.method]} ${badge.result}`}
                title={badge.detail}
                className={`rounded-md border px-2.5 py-1 text-sm ${tone(badge.result)}`}
              >
                <span className="font-semibold">{NAMES[badge.method]}</span> {badge.result}
                {badge.detail && (
                  <span className="block max-w-80 truncate text-xs opacity-80">
                    <bdi>{badge.detail}</bdi>
                  </span>
                )}
              </li>
            ))}
          </ul>
          {missing.length > 0 && (
            <p className="mt-2 text-xs text-zinc-500">
              Not reported: {missing.map((m) => NAMES[m]).join(", ")}.
            </p>
          )}
          <p className="mt-2 text-xs text-zinc-500">
            Trusted authserv-id: <span className="font-mono">{ids || "(none)"}</span>
            {auth.mode === "topmost"
              ? " — by default, that of the topmost Authentication-Results, the one your receiving server adds last. (If your server adds none, that field came from further away: name your server in "
              : " — as configured for this account in "}
            <a href="/settings/accounts" className="text-accent-600 hover:underline">
              Settings › Accounts
            </a>
            {auth.mode === "topmost" ? ".)" : "."} {auth.trustedCount} of {auth.fieldCount}{" "}
            Authentication-Results field
            {auth.fieldCount === 1 ? "" : "s"} used.
            {auth.ignoredIds.length > 0 &&
              ` Not trusted (added before your server, or claiming its name from outside): ${auth.ignoredIds.map((id) => id || "(no id)").join(", ")}.`}
          </p>
        </>
      )}
    </section>
  );
}
