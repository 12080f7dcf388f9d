import type { Metadata } from "next";
import { signOut } from "@/app/actions/session";
import { requireSession } from "@/lib/server/auth/current-session";
import { mailContext } from "@/lib/server/actions/mail-context";
import { describeMailError } from "@/lib/server/mail/describe-error";
import { listFolders } from "@/lib/server/mail/folders";

export const metadata: Metadata = { title: "Mail" };

export default async function MailPage() {
  await requireSession();
  const context = await mailContext();
  let folders: Awaited<ReturnType<typeof listFolders>> = [];
  let error: string | null = null;
  try {
    folders = await listFolders(context);
  } catch (e) {
    error = describeMailError(e, "IMAP server").message;
  }
  return (
    <main className="mx-auto max-w-xl p-6">
      <header className="mb-4 flex items-center justify-between">
        <h1 className="text-xl font-semibold">{context.account.email}</h1>
        <form action={signOut}>
          <button type="submit" className="rounded border px-3 py-1 text-sm">
            Sign out
          </button>
        </form>
      </header>
      {error ? (
        <p role="alert">{error}</p>
      ) : (
        <nav aria-label="Mailboxes">
          <ul>
            {folders.map((f) => (
              <li key={f.path} style={{ paddingLeft: `${f.depth}rem` }}>
                {f.name} {f.unread ? <span>({f.unread})</span> : null}
              </li>
            ))}
          </ul>
        </nav>
      )}
    </main>
  );
}
