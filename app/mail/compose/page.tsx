import type { Metadata } from "next";
import Link from "next/link";
import { Composer } from "@/components/compose/composer";
import { getDb } from "@/lib/db/client";
import { accountsOfUser } from "@/lib/server/accounts/account-store";
import { AccessError, mailContext } from "@/lib/server/actions/mail-context";
import { type ComposeRequest, startCompose } from "@/lib/server/compose/compose-start";
import type { ComposeInitial } from "@/lib/server/compose/compose-view";
import { describeMailError } from "@/lib/server/mail/describe-error";

export const metadata: Metadata = { title: "Compose" };

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const MODES = ["reply", "reply-all", "forward", "forward-attachment"] as const;

/** What the URL asks for: a draft (?draft=uid), a reply or forward (?mode&mailbox&uid), or new. */
function composeRequest(
  query: Record<string, string | string[] | undefined>,
): ComposeRequest | null {
  const uid = (text: string | undefined) => {
    const n = Number(text);
    return Number.isSafeInteger(n) && n > 0 ? n : null;
  };
  const draft = one(query.draft);
  if (draft !== undefined) {
    const n = uid(draft);
    return n === null ? null : { kind: "draft", uid: n };
  }
  const mode = one(query.mode);
  if (mode === undefined) return { kind: "new", to: one(query.to) ?? null };
  const message = uid(one(query.uid));
  const mailbox = one(query.mailbox);
  const part = one(query.part) ?? "";
  const known = MODES.find((m) => m === mode);
  if (!known || message === null || !mailbox || !/^(\d+(\.\d+)*)?$/.test(part)) return null;
  return { kind: "reply", mode: known, mailbox, uid: message, part };
}

function Problem({ text }: { text: string }) {
  return (
    <div className="p-6">
      <p
        role="alert"
        aria-label="Compose problem"
        className="text-sm text-red-700 dark:text-red-400"
      >
        {text}
      </p>
    </div>
  );
}

export default async function ComposePage({ searchParams }: Props) {
  const query = await searchParams;
  const request = composeRequest(query);
  if (!request) return <Problem text="This link does not say what to write." />;
  let initial: ComposeInitial;
  let others: { id: string; email: string }[] = [];
  let current = "";
  try {
    const context = await mailContext(one(query.account));
    initial = await startCompose(context, request);
    current = context.account.email;
    if (request.kind === "new") {
      const accounts = await accountsOfUser(await getDb(), context.session.userId);
      others = accounts
        .filter((a) => a.id !== context.account.id)
        .map((a) => ({ id: a.id, email: a.email }));
    }
  } catch (error) {
    const text =
      error instanceof AccessError
        ? error.message
        : describeMailError(error, "IMAP server").message;
    return <Problem text={text} />;
  }
  return (
    <>
      {others.length > 0 && (
        <nav
          aria-label="Write from another account"
          className="flex flex-wrap items-center gap-2 px-4 pt-3 text-sm"
        >
          <span className="text-zinc-500">Writing from {current}. Write from</span>
          {others.map((a) => (
            <Link
              key={a.id}
              href={`/mail/compose?account=${encodeURIComponent(a.id)}`}
              className="text-accent-600 hover:underline"
            >
              {a.email}
            </Link>
          ))}
        </nav>
      )}
      <Composer key={initial.composeId} initial={initial} />
    </>
  );
}
