"use client";

import { useState } from "react";
import { ChevronIcon, WarningIcon } from "@/components/ui/icons";
import type { HeaderFieldView, HeaderGroupView } from "@/lib/server/mail/original/original-view";

function FieldRow({ field }: { field: HeaderFieldView }) {
  return (
    <tr className="border-t border-zinc-100 align-top dark:border-zinc-800">
      <th scope="row" className="py-1.5 pr-3 text-left font-mono text-xs font-medium break-all">
        <bdi>{field.name}</bdi>
        {field.duplicate && (
          <span
            title="RFC 5322 allows this field once; a second one can show you one value and a filter another."
            className="mt-1 flex w-max items-center gap-1 rounded bg-red-100 px-1 font-sans text-[11px] text-red-800 dark:bg-red-950 dark:text-red-300"
          >
            <WarningIcon /> Duplicate
          </span>
        )}
        {field.truncated && (
          <span className="mt-1 block font-sans text-[11px] text-amber-700 dark:text-amber-400">
            Cut: too long
          </span>
        )}
      </th>
      <td className="py-1.5 pr-3 text-sm break-words whitespace-pre-wrap">
        <bdi>{field.value}</bdi>
      </td>
      <td className="py-1.5 font-mono text-xs break-all whitespace-pre-wrap text-zinc-600 dark:text-zinc-400">
        <bdi>{field.folded}</bdi>
      </td>
    </tr>
  );
}

function Group({
  group,
  open,
  onToggle,
}: {
  group: HeaderGroupView;
  open: boolean;
  onToggle: () => void;
}) {
  const id = `header-group-${group.id}`;
  const duplicates = group.fields.filter((f) => f.duplicate).length;
  return (
    <section
      aria-labelledby={`${id}-heading`}
      className="border-t border-zinc-200 dark:border-zinc-800"
    >
      <h3 id={`${id}-heading`} className="text-sm font-semibold">
        <button
          type="button"
          aria-expanded={open}
          aria-controls={id}
          onClick={onToggle}
          className="flex w-full items-center gap-1 py-1.5 text-left hover:bg-zinc-50 dark:hover:bg-zinc-900"
        >
          <ChevronIcon className={`transition-transform ${open ? "rotate-90" : ""}`} />
          {group.label} ({group.fields.length})
          {duplicates > 0 && (
            <span className="ml-2 text-xs font-normal text-red-700 dark:text-red-400">
              {duplicates} duplicate{duplicates === 1 ? "" : "s"}
            </span>
          )}
        </button>
      </h3>
      {open && (
        <table id={id} className="mb-2 w-full table-fixed">
          <caption className="sr-only">{group.label} header fields</caption>
          <colgroup>
            <col className="w-36" />
            <col />
            <col />
          </colgroup>
          <thead>
            <tr className="text-left text-xs text-zinc-500">
              <th scope="col" className="pr-3 font-normal">
                Field
              </th>
              <th scope="col" className="pr-3 font-normal">
                Decoded
              </th>
              <th scope="col" className="font-normal">
                Raw (as written)
              </th>
            </tr>
          </thead>
          <tbody>
            {group.fields.map((field) => (
              <FieldRow key={field.index} field={field} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Every header field, grouped as RFC 5322 groups them, decoded beside the text as written. */
export function HeaderInspector({ groups, count }: { groups: HeaderGroupView[]; count: number }) {
  const [closed, setClosed] = useState(() => new Set<string>());
  const toggle = (id: string) =>
    setClosed((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <section aria-labelledby="original-headers" className="px-5 py-3">
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <h2 id="original-headers" className="text-base font-semibold">
          Headers ({count} field{count === 1 ? "" : "s"})
        </h2>
        <button
          type="button"
          onClick={() => setClosed(new Set())}
          className="ml-auto rounded px-2 py-0.5 text-xs hover:bg-zinc-100 dark:hover:bg-zinc-800"
        >
          Expand all
        </button>
        <button
          type="button"
          onClick={() => setClosed(new Set(groups.map((g) => g.id)))}
          className="rounded px-2 py-0.5 text-xs hover:bg-zinc-100 dark:hover:bg-zinc-800"
        >
          Collapse all
        </button>
      </div>
      {groups.map((group) => (
        <Group
          key={group.id}
          group={group}
          open={!closed.has(group.id)}
          onToggle={() => toggle(group.id)}
        />
      ))}
    </section>
  );
}
