"use client";

import type { BodyFormat } from "@/lib/server/compose/compose-view";

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** The subject, and the choice between rich text and plain text. */
export function SubjectRow({
  subject,
  invalid,
  onSubject,
  onEnter,
  format,
  onFormat,
}: {
  subject: string;
  invalid: boolean;
  onSubject: (subject: string) => void;
  onEnter: () => void;
  format: BodyFormat;
  onFormat: (format: BodyFormat) => void;
}) {
  return (
    <div className="flex items-center gap-2 border-b border-zinc-200 px-4 py-1.5 dark:border-zinc-800">
      <label htmlFor="compose-subject" className="w-14 shrink-0 text-sm text-zinc-500">
        Subject
      </label>
      {/* A textarea, not an input: an input would silently drop a pasted line break, and a
          line break must be refused with a message instead (hostile PC2). */}
      <textarea
        id="compose-subject"
        rows={1}
        value={subject}
        aria-invalid={invalid || CONTROL.test(subject) || undefined}
        onChange={(event) => onSubject(event.target.value)}
        onKeyDown={(event) => {
          if (event.key !== "Enter") return;
          event.preventDefault();
          onEnter();
        }}
        className="min-w-0 flex-1 resize-none overflow-hidden bg-transparent py-1 text-sm font-medium outline-none aria-invalid:text-red-700 dark:aria-invalid:text-red-400"
      />
      <label className="flex items-center gap-1 text-xs text-zinc-500">
        Format
        <select
          aria-label="Body format"
          value={format}
          onChange={(event) => onFormat(event.target.value as BodyFormat)}
          className="bg-transparent"
        >
          <option value="html">Rich text</option>
          <option value="plain">Plain text</option>
        </select>
      </label>
    </div>
  );
}
