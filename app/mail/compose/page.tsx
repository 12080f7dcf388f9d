import type { Metadata } from "next";
import { Composer } from "@/components/compose/composer";
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
  try {
    const context = await mailContext(one(query.account));
    initial = await startCompose(context, request);
  } catch (error) {
    const text =
      error instanceof AccessError
        ? error.message
        : describeMailError(error, "IMAP server").message;
    return <Problem text={text} />;
  }
  return <Composer key={initial.composeId} initial={initial} />;
}
