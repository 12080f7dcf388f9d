"use client";

import { useState } from "react";
import type { AddressView } from "@/lib/view-models/mailbox";
import { LocalDate } from "../local-date.tsx";

const COLLAPSE_AFTER = 3;

function Person({ who }: { who: AddressView }) {
  // The address is always visible: a display name can pretend to be any address (p14).
  return (
    <span className="inline-block max-w-full truncate align-bottom">
      {who.name ? (
        <>
          <span className="font-medium">{who.name}</span>{" "}
          <span className="text-zinc-500">&lt;{who.address}&gt;</span>
        </>
      ) : (
        <span className="font-medium">{who.address}</span>
      )}
    </span>
  );
}

function People({ label, list }: { label: string; list: AddressView[] }) {
  const [expanded, setExpanded] = useState(false);
  if (list.length === 0) return null;
  const shown = expanded ? list : list.slice(0, COLLAPSE_AFTER);
  return (
    <div className="flex gap-2 text-sm">
      <dt className="w-16 shrink-0 text-zinc-500">{label}</dt>
      <dd className="min-w-0 flex-1">
        {shown.map((who, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the same address may be listed twice
          <span key={`${who.address}-${i}`}>
            {i > 0 && ", "}
            <Person who={who} />
          </span>
        ))}
        {list.length > COLLAPSE_AFTER && (
          <button
            type="button"
            onClick={() => setExpanded((e) => !e)}
            className="ml-1 text-accent-600 hover:underline"
            aria-expanded={expanded}
            aria-label={
              expanded
                ? `Show fewer ${label} recipients`
                : `Show all ${list.length} ${label} recipients`
            }
          >
            {expanded ? "fewer" : `and ${list.length - COLLAPSE_AFTER} more`}
          </button>
        )}
      </dd>
    </div>
  );
}

export interface HeaderProps {
  subject: string;
  from: AddressView[];
  sender: AddressView[];
  replyTo: AddressView[];
  to: AddressView[];
  cc: AddressView[];
  bcc: AddressView[];
  date: string | null;
  dateRaw: string | null;
}

/** Who, to whom, when and what: every value rendered as text, nothing as markup. */
export function MessageHeader(props: HeaderProps) {
  return (
    <header className="px-5 pt-4 pb-3">
      <h1 className="mb-3 text-xl font-semibold break-words">{props.subject || "(no subject)"}</h1>
      <dl className="space-y-0.5">
        <People label="From" list={props.from} />
        {props.sender.length > 0 && props.sender[0]?.address !== props.from[0]?.address && (
          <People label="Sender" list={props.sender} />
        )}
        {props.replyTo.length > 0 && props.replyTo[0]?.address !== props.from[0]?.address && (
          <People label="Reply-To" list={props.replyTo} />
        )}
        <People label="To" list={props.to} />
        <People label="Cc" list={props.cc} />
        <People label="Bcc" list={props.bcc} />
        <div className="flex gap-2 text-sm">
          <dt className="w-16 shrink-0 text-zinc-500">Date</dt>
          <dd>
            {props.date ? (
              <LocalDate iso={props.date} variant="medium" />
            ) : (
              <span>{props.dateRaw ?? "unknown"}</span>
            )}
          </dd>
        </div>
      </dl>
    </header>
  );
}
