"use client";

import type { ChipView } from "@/lib/server/compose/compose-view";
import type { ContactSuggestion } from "@/lib/server/compose/contacts";

export function chipText(chip: ChipView): string {
  return chip.name ? `${chip.name} <${chip.address}>` : chip.address;
}

/** One recipient: red with its reason when invalid; double-click to edit, × to remove. */
export function AddressChip({
  chip,
  onEdit,
  onRemove,
}: {
  chip: ChipView;
  onEdit: () => void;
  onRemove: () => void;
}) {
  return (
    <li
      title={chip.valid ? chip.address : (chip.reason ?? "Not a valid address")}
      className={`flex max-w-full items-center gap-1 rounded-full px-2 py-0.5 text-sm ${
        chip.valid
          ? "bg-zinc-100 dark:bg-zinc-800"
          : "bg-red-100 text-red-800 ring-1 ring-red-400 dark:bg-red-950 dark:text-red-200"
      }`}
    >
      <button
        type="button"
        className="truncate"
        onDoubleClick={onEdit}
        aria-label={`Edit ${chipText(chip)}`}
      >
        {chipText(chip)}
      </button>
      {!chip.valid && (
        <span className="text-xs font-medium">
          <span aria-hidden="true">⚠</span>
          <span className="sr-only">invalid address: {chip.reason}</span>
        </span>
      )}
      <button
        type="button"
        onClick={onRemove}
        aria-label={`Remove ${chipText(chip)}`}
        className="rounded-full px-1 text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100"
      >
        ×
      </button>
    </li>
  );
}

/** The autocomplete list; options are chosen on mousedown so the field keeps its focus. */
export function Suggestions({
  id,
  label,
  suggestions,
  highlight,
  onChoose,
}: {
  id: string;
  label: string;
  suggestions: ContactSuggestion[];
  highlight: number;
  onChoose: (suggestion: ContactSuggestion) => void;
}) {
  return (
    <div
      id={id}
      role="listbox"
      aria-label={`${label} suggestions`}
      className="absolute top-full left-0 z-20 mt-1 w-80 overflow-hidden rounded-md border border-zinc-200 bg-white text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
    >
      {suggestions.map((s, i) => (
        <div
          key={s.address}
          id={`${id}-${i}`}
          role="option"
          tabIndex={-1}
          aria-selected={i === highlight}
          onMouseDown={(event) => {
            event.preventDefault();
            onChoose(s);
          }}
          className={`cursor-pointer px-3 py-1.5 ${i === highlight ? "bg-accent-50 dark:bg-zinc-800" : ""}`}
        >
          {s.name ? (
            <>
              {s.name} <span className="text-zinc-500">&lt;{s.address}&gt;</span>
            </>
          ) : (
            s.address
          )}
        </div>
      ))}
    </div>
  );
}
