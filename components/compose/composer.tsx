"use client";

import { type DragEvent, useRef, useState } from "react";
import type { ComposeInitial } from "@/lib/server/compose/compose-view";
import { htmlToText } from "@/lib/server/compose/html-to-text";
import { signatureHtml, signatureText, textToHtml } from "@/lib/server/compose/quote";
import { AddressField } from "./address-field.tsx";
import { AttachmentList } from "./attachment-list.tsx";
import { ComposeHeader } from "./compose-header.tsx";
import { ConfirmDialog } from "./confirm-dialog.tsx";
import { RichEditor } from "./rich-editor.tsx";
import { SendFailure, SentReport } from "./send-report.tsx";
import { SubjectRow } from "./subject-row.tsx";
import { useComposer } from "./use-composer.ts";

/**
 * The composer: From, To/Cc/Bcc, Subject, the body (rich text or plain), attachments with
 * their upload progress and the size budget, autosaved to Drafts as the person types.
 */
export function Composer({ initial }: { initial: ComposeInitial }) {
  const c = useComposer(initial);
  const [asking, setAsking] = useState<"subject" | "discard" | null>(null);
  const [showCc, setShowCc] = useState(initial.cc.length > 0);
  const [showBcc, setShowBcc] = useState(initial.bcc.length > 0);
  const [editorKey, setEditorKey] = useState(0);
  const [dragging, setDragging] = useState(0);
  const startHtml = useRef(initial.format === "html" ? initial.body : "");

  if (c.report) return <SentReport outcome={c.report} backHref={c.backHref} />;

  const identity = (id: string) => initial.identities.find((i) => i.id === id);
  const switchIdentity = (id: string) => {
    const before = identity(c.identityId)?.signature ?? "";
    const after = identity(id)?.signature ?? "";
    // Swap the signature only where the old one still stands as it was inserted.
    if (c.format === "html" && c.editor.current) {
      const old = signatureHtml(before);
      const html = c.editor.current.innerHTML;
      if (old && html.includes(old))
        c.editor.current.innerHTML = html.replace(old, signatureHtml(after));
    } else if (c.format === "plain") {
      const old = signatureText(before);
      if (old && c.plain.includes(old)) c.setPlain(c.plain.replace(old, signatureText(after)));
    }
    c.setIdentityId(id);
    c.changed();
  };

  const switchFormat = (format: "html" | "plain") => {
    if (format === c.format) return;
    if (format === "plain") {
      c.setPlain(c.editor.current ? htmlToText(c.editor.current) : "");
      c.uploads.detachInline();
    } else {
      startHtml.current = textToHtml(c.plain);
      setEditorKey((k) => k + 1);
    }
    c.setFormat(format);
    c.changed();
  };

  const problemFor = (field: string) => c.problems.some((p) => p.field === field);
  const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes("Files");

  return (
    <form
      aria-label="Compose"
      className="relative flex h-full min-h-0 flex-col"
      onSubmit={async (event) => {
        event.preventDefault();
        if ((await c.send(false)) === "ask-subject") setAsking("subject");
      }}
      onDragEnter={(event) => hasFiles(event) && setDragging((n) => n + 1)}
      onDragLeave={(event) => hasFiles(event) && setDragging((n) => Math.max(0, n - 1))}
      onDragOver={(event) => hasFiles(event) && event.preventDefault()}
      // The editor handles its own drops (images go inline) and stops them; reset the overlay
      // on the way down instead.
      onDropCapture={() => setDragging(0)}
      onDrop={(event) => {
        const files = Array.from(event.dataTransfer.files);
        if (files.length === 0) return;
        event.preventDefault();
        void c.uploads.add(files);
      }}
    >
      <ComposeHeader c={c} initial={initial} onDiscard={() => setAsking("discard")} />
      <div className="min-h-0 flex-1 overflow-y-auto">
        {c.failure && <SendFailure outcome={c.failure} />}
        {c.problems.length > 0 && (
          <div
            role="alert"
            aria-label="Problems with this message"
            className="mx-4 my-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
          >
            <ul className="list-disc pl-5">
              {c.problems.map((p) => (
                <li key={p.message}>{p.message}</li>
              ))}
            </ul>
          </div>
        )}
        {initial.notes.map((note) => (
          <p
            key={note}
            role="note"
            className="mx-4 mt-2 text-xs text-amber-700 dark:text-amber-400"
          >
            {note}
          </p>
        ))}
        <div className="flex items-center gap-2 border-b border-zinc-200 px-4 py-1.5 text-sm dark:border-zinc-800">
          <label htmlFor="compose-from" className="w-14 shrink-0 text-zinc-500">
            From
          </label>
          <select
            id="compose-from"
            value={c.identityId}
            onChange={(event) => switchIdentity(event.target.value)}
            className="min-w-0 flex-1 bg-transparent py-1"
          >
            {initial.identities.map((i) => (
              <option key={i.id} value={i.id}>
                {i.displayName ? `${i.displayName} <${i.email}>` : i.email}
              </option>
            ))}
          </select>
          {!showCc && (
            <button
              type="button"
              className="text-accent-600 hover:underline"
              onClick={() => setShowCc(true)}
            >
              Cc
            </button>
          )}
          {!showBcc && (
            <button
              type="button"
              className="text-accent-600 hover:underline"
              onClick={() => setShowBcc(true)}
            >
              Bcc
            </button>
          )}
        </div>
        {(["to", "cc", "bcc"] as const)
          .filter((f) => f === "to" || (f === "cc" ? showCc : showBcc))
          .map((field) => (
            <AddressField
              key={field}
              label={field === "to" ? "To" : field === "cc" ? "Cc" : "Bcc"}
              accountId={initial.accountId}
              chips={c.lists[field]}
              controller={c.fields[field]}
              invalid={problemFor(field)}
              onChange={(chips) => {
                c.setLists((l) => ({ ...l, [field]: chips }));
                c.changed();
              }}
            />
          ))}
        <SubjectRow
          subject={c.subject}
          invalid={problemFor("subject")}
          onSubject={(subject) => {
            c.setSubject(subject);
            c.changed();
          }}
          onEnter={() => c.editor.current?.focus()}
          format={c.format}
          onFormat={switchFormat}
        />
        {c.format === "html" ? (
          <RichEditor
            key={editorKey}
            initialHtml={startHtml.current}
            onChange={c.changed}
            editorRef={(element) => {
              c.editor.current = element;
            }}
            uploadInline={(files) => c.uploads.add(files, true)}
            attach={(files) => void c.uploads.add(files)}
          />
        ) : (
          <textarea
            aria-label="Message body"
            value={c.plain}
            onChange={(event) => {
              c.setPlain(event.target.value);
              c.changed();
            }}
            className="min-h-64 w-full flex-1 resize-y bg-transparent px-4 py-3 font-mono text-sm outline-none"
          />
        )}
      </div>
      <AttachmentList
        items={c.uploads.items}
        used={c.uploads.used()}
        budget={initial.budget}
        refusal={c.refusal}
        onRemove={c.uploads.remove}
        onPick={(files) => void c.uploads.add(files)}
      />
      {dragging > 0 && (
        <div className="pointer-events-none absolute inset-0 z-30 flex items-center justify-center border-2 border-dashed border-accent-500 bg-accent-50/80 text-sm font-medium dark:bg-zinc-900/80">
          Drop files to attach them
        </div>
      )}
      {asking === "subject" && (
        <ConfirmDialog
          title="Send without a subject?"
          text="This message has no subject. Recipients see an empty subject line."
          yes="Send anyway"
          no="Add a subject"
          onAnswer={(yes) => {
            setAsking(null);
            if (yes) void c.send(true);
            else document.getElementById("compose-subject")?.focus();
          }}
        />
      )}
      {asking === "discard" && (
        <ConfirmDialog
          title="Discard this message?"
          text="The draft and its attachments are deleted."
          yes="Discard"
          no="Keep writing"
          onAnswer={(yes) => {
            setAsking(null);
            if (yes) void c.discard();
          }}
        />
      )}
    </form>
  );
}
