"use client";

import { useRouter } from "next/navigation";
import { useReducer, useRef, useState } from "react";
import { discardDraft, saveDraftAction, sendMessage } from "@/app/mail/compose/actions";
import { useMailBus } from "@/components/mail/mail-bus";
import { useNotices } from "@/components/mail/notices";
import type {
  BodyFormat,
  ChipView,
  ComposeInitial,
  Problem,
  SendOutcome,
} from "@/lib/server/compose/compose-view";
import { bodyCost } from "@/lib/server/compose/size-budget";
import { messageHref } from "@/lib/view-models/routes";
import type { AddressFieldHandle } from "./address-field.tsx";
import { localProblems } from "./compose-checks.ts";
import { useAutosave } from "./use-autosave.ts";
import { useUploads } from "./use-uploads.ts";

type Lists = { to: ChipView[]; cc: ChipView[]; bcc: ChipView[] };
export type SentOutcome = Extract<SendOutcome, { status: "sent" }>;
export type FailedOutcome = Extract<SendOutcome, { status: "failed" }>;

const person = ({ name, address }: ChipView) => ({ name, address });

/**
 * The composer's state and what it does: the form, its uploads, autosave to Drafts (the URL
 * follows the draft, so a reload reopens it), and sending with every outcome kept visible.
 */
export function useComposer(initial: ComposeInitial) {
  const router = useRouter();
  const bus = useMailBus();
  const { notify } = useNotices();
  const [identityId, setIdentityId] = useState(initial.identityId);
  const [lists, setLists] = useState<Lists>({ to: initial.to, cc: initial.cc, bcc: initial.bcc });
  const [subject, setSubject] = useState(initial.subject);
  const [format, setFormat] = useState<BodyFormat>(initial.format);
  const [plain, setPlain] = useState(initial.format === "plain" ? initial.body : "");
  const editor = useRef<HTMLDivElement | null>(null);
  const [version, changed] = useReducer((v: number) => v + 1, 0);
  const [draft, setDraft] = useState<{ uid: number | null; note: string | null }>({
    uid: initial.draftUid,
    note: null,
  });
  const draftUid = useRef(initial.draftUid);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [failure, setFailure] = useState<FailedOutcome | null>(null);
  const [report, setReport] = useState<SentOutcome | null>(null);
  const [busy, setBusy] = useState<"sending" | "discarding" | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const done = useRef(false);
  const fields = {
    to: useRef<AddressFieldHandle | null>(null),
    cc: useRef<AddressFieldHandle | null>(null),
    bcc: useRef<AddressFieldHandle | null>(null),
  };

  const bodyText = () => (format === "html" ? (editor.current?.innerHTML ?? "") : plain);
  const uploads = useUploads({
    accountId: initial.accountId,
    composeId: initial.composeId,
    budget: initial.budget,
    initial: initial.uploads,
    bodyCost: () => bodyCost(bodyText().length, format),
    onChange: changed,
    onRefused: (message) => {
      setRefusal(message);
      notify("error", message);
    },
  });

  const latest = useRef({ identityId, lists, subject, format, bodyText });
  latest.current = { identityId, lists, subject, format, bodyText };

  const payload = (override?: Lists) => {
    const state = latest.current;
    const use = override ?? state.lists;
    const items = uploads.itemsRef.current.filter((u) => u.status === "done" && u.id);
    return {
      accountId: initial.accountId,
      composeId: initial.composeId,
      identityId: state.identityId,
      to: use.to.map(person),
      cc: use.cc.map(person),
      bcc: use.bcc.map(person),
      subject: state.subject,
      format: state.format,
      body: state.bodyText(),
      // In HTML the inline images are found in the body; in plain text they go as files.
      attachments: items
        .filter((u) => !(u.inline && state.format === "html"))
        .map((u) => u.id as string),
      origin: initial.origin,
      inReplyTo: initial.inReplyTo,
      references: initial.references,
      draftUid: draftUid.current,
    };
  };

  const followDraft = (uid: number | null) => {
    draftUid.current = uid;
    if (uid === null) return;
    // The URL names the draft, so a reload (or a crash) reopens it from the Drafts folder.
    const url = `/mail/compose?account=${encodeURIComponent(initial.accountId)}&draft=${uid}`;
    window.history.replaceState(null, "", url);
  };

  const autosave = useAutosave(
    version,
    async () => {
      if (done.current) return true;
      const result = await saveDraftAction(payload()).catch(() => null);
      if (!result?.ok) {
        const why = result ? result.error.message : "Letterbox could not be reached.";
        setDraft((d) => ({ ...d, note: `Draft not saved: ${why}` }));
        return false;
      }
      followDraft(result.data.draftUid);
      const time = new Date(result.data.savedAt).toLocaleTimeString([], {
        hour: "2-digit",
        minute: "2-digit",
      });
      setDraft({ uid: result.data.draftUid, note: `Draft saved at ${time}` });
      return true;
    },
    !done.current,
  );

  const backHref = initial.origin
    ? messageHref(initial.accountId, initial.origin.mailbox, initial.origin.uid)
    : "/mail";

  const send = async (confirmedNoSubject: boolean): Promise<"ask-subject" | undefined> => {
    setProblems([]);
    const committed: Lists = {
      to: (await fields.to.current?.commit()) ?? lists.to,
      cc: (await fields.cc.current?.commit()) ?? lists.cc,
      bcc: (await fields.bcc.current?.commit()) ?? lists.bcc,
    };
    const local = localProblems(committed, subject, uploads.itemsRef.current);
    if (local.length > 0) {
      setProblems(local);
      return;
    }
    if (subject.trim() === "" && !confirmedNoSubject) return "ask-subject";
    setBusy("sending");
    await autosave.settle();
    const result = await sendMessage(payload(committed)).catch(() => null);
    setBusy(null);
    const outcome = result?.ok ? result.data : null;
    if (!outcome || outcome.status === "invalid") {
      setProblems(
        outcome?.problems ?? [
          {
            field: "body",
            message:
              result && !result.ok
                ? result.error.message
                : "Letterbox could not be reached. Nothing was sent; try again.",
          },
        ],
      );
      return;
    }
    if (outcome.status === "failed") {
      setFailure(outcome);
      followDraft(outcome.draftUid);
      setDraft({ uid: outcome.draftUid, note: outcome.draftUid ? "Saved in Drafts" : null });
      notify("error", outcome.message);
      return;
    }
    done.current = true;
    if (initial.origin)
      bus.emit({
        type: "mailbox-changed",
        accountId: initial.accountId,
        mailbox: initial.origin.mailbox,
      });
    if (outcome.refused.length > 0 || outcome.warnings.length > 0) {
      setReport(outcome);
      return;
    }
    notify("info", "Message sent.");
    router.push(backHref);
  };

  const discard = async () => {
    setBusy("discarding");
    await autosave.settle();
    done.current = true;
    const ids = uploads.itemsRef.current.map((u) => u.id).filter((id): id is string => id !== null);
    const result = await discardDraft({
      accountId: initial.accountId,
      draftUid: draftUid.current,
      uploads: ids,
    });
    setBusy(null);
    if (!result.ok) notify("error", result.error.message);
    else notify("info", "Draft discarded.");
    router.push(backHref);
  };

  return {
    identityId,
    setIdentityId,
    lists,
    setLists,
    subject,
    setSubject,
    format,
    setFormat,
    plain,
    setPlain,
    editor,
    changed,
    draft,
    problems,
    failure,
    report,
    busy,
    refusal,
    fields,
    uploads,
    send,
    discard,
    saveNow: autosave.saveNow,
    backHref,
    bodyText,
  };
}
