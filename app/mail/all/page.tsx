import { EnvelopeIcon } from "@/components/ui/icons";

export default function NoMessageOpen() {
  return (
    <div className="flex h-full flex-col items-center justify-center gap-2 text-zinc-400">
      <EnvelopeIcon className="size-10" />
      <p className="text-sm">Select a message to read it.</p>
      <p className="text-xs">
        Press <kbd className="rounded border px-1">?</kbd> for keyboard shortcuts.
      </p>
    </div>
  );
}
