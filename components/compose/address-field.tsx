"use client";

import {
  type ClipboardEvent,
  type KeyboardEvent,
  type RefObject,
  useEffect,
  useId,
  useImperativeHandle,
  useRef,
  useState,
} from "react";
import { checkAddresses, suggestAddresses } from "@/app/mail/compose/actions";
import type { ChipView } from "@/lib/server/compose/compose-view";
import type { ContactSuggestion } from "@/lib/server/compose/contacts";
import { AddressChip, Suggestions } from "./address-parts.tsx";

export interface AddressFieldHandle {
  /** Turn whatever is still typed into chips; resolves with the field's chips. */
  commit(): Promise<ChipView[]>;
}

interface Props {
  label: "To" | "Cc" | "Bcc";
  accountId: string;
  chips: ChipView[];
  onChange: (chips: ChipView[]) => void;
  controller: RefObject<AddressFieldHandle | null>;
  invalid?: boolean;
}

/** Index just after the last "," ";" or line break outside double quotes, or -1. */
function lastSeparator(text: string): number {
  let quoted = false;
  let found = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "," || c === ";" || c === "\n" || c === "\r")) found = i + 1;
  }
  return found;
}

/**
 * To, Cc or Bcc: recipients as chips, typed or pasted ("Name <a@b>, c@d; e@f", one a line),
 * checked by the server's parser (an invalid one stays, red, with its reason), with
 * suggestions from the addresses this account has written to or received from.
 */
export function AddressField({ label, accountId, chips, onChange, controller, invalid }: Props) {
  const id = useId();
  const [text, setText] = useState("");
  const [suggestions, setSuggestions] = useState<ContactSuggestion[]>([]);
  const [highlight, setHighlight] = useState(-1);
  const chipsRef = useRef(chips);
  chipsRef.current = chips;
  const textRef = useRef(text);
  textRef.current = text;

  // Adds run one after another, so a blur's commit and Send's commit never race.
  const queue = useRef<Promise<ChipView[]>>(Promise.resolve(chips));
  const add = (typed: string): Promise<ChipView[]> => {
    queue.current = queue.current.then(() => addNow(typed));
    return queue.current;
  };

  const addNow = async (typed: string): Promise<ChipView[]> => {
    if (typed.trim() === "") return chipsRef.current;
    const result = await checkAddresses({ accountId, text: typed }).catch(() => ({
      ok: false as const,
      error: { code: "OFFLINE", message: "Letterbox could not be reached to check this address." },
    }));
    const added: ChipView[] = result.ok
      ? result.data
      : [{ name: "", address: typed.trim(), valid: false, reason: result.error.message }];
    const known = new Set(
      chipsRef.current.filter((c) => c.valid).map((c) => c.address.toLowerCase()),
    );
    const next = [
      ...chipsRef.current,
      ...added.filter((c) => !(c.valid && known.has(c.address.toLowerCase()))),
    ];
    chipsRef.current = next;
    onChange(next);
    return next;
  };

  const commitAll = () => {
    const typed = textRef.current;
    textRef.current = "";
    setText("");
    setSuggestions([]);
    return add(typed);
  };

  useImperativeHandle(controller, () => ({ commit: commitAll }));

  useEffect(() => {
    const query = text.trim();
    if (query.length < 1 || lastSeparator(text) >= 0) {
      setSuggestions([]);
      return;
    }
    const timer = setTimeout(async () => {
      const result = await suggestAddresses({ accountId, query });
      if (result.ok && textRef.current.trim() === query) {
        setSuggestions(result.data);
        setHighlight(result.data.length > 0 ? 0 : -1);
      }
    }, 150);
    return () => clearTimeout(timer);
  }, [text, accountId]);

  const choose = (suggestion: ContactSuggestion) => {
    textRef.current = "";
    setText("");
    setSuggestions([]);
    void add(
      suggestion.name
        ? `"${suggestion.name.replace(/["\\]/g, "")}" <${suggestion.address}>`
        : suggestion.address,
    );
  };

  const onText = (value: string) => {
    const cut = lastSeparator(value);
    if (cut < 0) {
      setText(value);
      return;
    }
    setText(value.slice(cut));
    textRef.current = value.slice(cut);
    void add(value.slice(0, cut));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    const open = suggestions.length > 0;
    if (event.key === "ArrowDown" && open) {
      event.preventDefault();
      setHighlight((h) => (h + 1) % suggestions.length);
    } else if (event.key === "ArrowUp" && open) {
      event.preventDefault();
      setHighlight((h) => (h <= 0 ? suggestions.length - 1 : h - 1));
    } else if ((event.key === "Enter" || event.key === "Tab") && open && highlight >= 0) {
      event.preventDefault();
      choose(suggestions[highlight]!);
    } else if (event.key === "Enter") {
      event.preventDefault();
      void commitAll();
    } else if (event.key === "Escape" && open) {
      setSuggestions([]);
    } else if (event.key === "Backspace" && text === "" && chips.length > 0) {
      onChange(chips.slice(0, -1));
    }
  };

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    // A pasted list is parsed whole: its line breaks separate addresses (never join them).
    event.preventDefault();
    const pasted = event.clipboardData.getData("text/plain");
    const typed = textRef.current + pasted;
    textRef.current = "";
    setText("");
    void add(typed);
  };

  const remove = (index: number) => onChange(chips.filter((_, i) => i !== index));
  const edit = (index: number) => {
    const chip = chips[index]!;
    remove(index);
    setText(chip.name ? `"${chip.name}" <${chip.address}>` : chip.address);
  };
  const listId = `${id}-suggestions`;

  return (
    <div className="flex items-start gap-2 border-b border-zinc-200 px-4 py-1.5 dark:border-zinc-800">
      <label htmlFor={id} className="w-14 shrink-0 pt-1 text-sm text-zinc-500">
        {label}
      </label>
      <div className="relative flex min-w-0 flex-1 flex-wrap items-center gap-1">
        <ul aria-label={`${label} recipients`} className="contents">
          {chips.map((chip, index) => (
            <AddressChip
              // biome-ignore lint/suspicious/noArrayIndexKey: the same text may be typed twice
              key={`${chip.address}-${index}`}
              chip={chip}
              onEdit={() => edit(index)}
              onRemove={() => remove(index)}
            />
          ))}
        </ul>
        <textarea
          id={id}
          rows={1}
          value={text}
          role="combobox"
          aria-expanded={suggestions.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-invalid={invalid || chips.some((c) => !c.valid) || undefined}
          aria-activedescendant={
            highlight >= 0 && suggestions.length > 0 ? `${listId}-${highlight}` : undefined
          }
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => onText(event.target.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          onBlur={() => void commitAll()}
          className="min-w-40 flex-1 resize-none overflow-hidden bg-transparent py-1 text-sm outline-none"
        />
        {suggestions.length > 0 && (
          <Suggestions
            id={listId}
            label={label}
            suggestions={suggestions}
            highlight={highlight}
            onChoose={choose}
          />
        )}
      </div>
    </div>
  );
}
