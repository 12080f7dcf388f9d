"use client";

import { type FormEvent, startTransition, useActionState, useState } from "react";
import { type AddAccountState, addAccount } from "@/app/settings/accounts/actions";
import { CertificateChoice } from "@/components/login/certificate-choice";
import { ServerFields } from "@/components/login/server-fields";
import {
  type ProviderDefaults,
  type ServerSettings,
  suggestedSettings,
} from "@/lib/server/accounts/server-settings";
import type { ServerCheck } from "@/lib/server/accounts/verify-account-settings";

const inputClass =
  "w-full rounded-md border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900";

function CheckLine({ label, check }: { label: string; check: ServerCheck }) {
  return (
    <li
      className={check.ok ? "text-green-700 dark:text-green-400" : "text-red-700 dark:text-red-400"}
    >
      <span className="font-medium">{label}:</span>{" "}
      {check.ok ? "connected and signed in." : check.error?.message}
      {check.error?.serverSaid && (
        <span className="block font-mono text-xs">Server said: {check.error.serverSaid}</span>
      )}
    </li>
  );
}

/** Add an IMAP or POP3 account with its SMTP server; both are tested before it is saved. */
export function AddAccountForm({ defaults }: { defaults: ProviderDefaults }) {
  const [state, action, pending] = useActionState<AddAccountState, FormData>(addAccount, {});
  const [email, setEmail] = useState("");
  const [custom, setCustom] = useState<ServerSettings | null>(null);
  const settings = custom ?? suggestedSettings(email, defaults);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(() => action(data));
  };
  const certificate =
    state.check?.incoming.error?.certificate && state.check.incoming.error.code === "TLS_FAILURE"
      ? state.check.incoming.error.certificate
      : null;
  return (
    <form
      onSubmit={submit}
      aria-label="Add an account"
      className="space-y-4 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="block text-sm font-medium">
          Email address
          <input
            name="email"
            type="email"
            required
            className={inputClass}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label className="block text-sm font-medium">
          Password
          <input
            name="password"
            type="password"
            required
            autoComplete="new-password"
            className={inputClass}
          />
        </label>
      </div>
      {Object.entries(state.fieldErrors ?? {}).map(([field, message]) => (
        <p key={field} className="text-sm text-red-700 dark:text-red-400">
          {message}
        </p>
      ))}
      <div className="space-y-4">
        <ServerFields
          kind="incoming"
          settings={settings}
          errors={state.fieldErrors}
          onChange={(patch) => setCustom({ ...settings, ...patch })}
        />
        <ServerFields
          kind="smtp"
          settings={settings}
          errors={state.fieldErrors}
          onChange={(patch) => setCustom({ ...settings, ...patch })}
        />
      </div>
      <div aria-live="polite">
        {(state.check || state.error || state.added) && (
          <div
            role="status"
            aria-label="Account test"
            className="rounded-md bg-zinc-100 p-3 text-sm dark:bg-zinc-800"
          >
            {state.added && (
              <p className="font-medium text-green-700 dark:text-green-400">
                {state.added} was added.
              </p>
            )}
            {state.check && (
              <ul className="space-y-1">
                <CheckLine
                  label={`Incoming (${settings.incomingProtocol.toUpperCase()})`}
                  check={state.check.incoming}
                />
                <CheckLine label="Outgoing (SMTP)" check={state.check.smtp} />
              </ul>
            )}
            {state.error && <p className="text-red-700 dark:text-red-400">{state.error.message}</p>}
            {certificate && <CertificateChoice certificate={certificate} disabled={pending} />}
          </div>
        )}
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-accent-600 px-4 py-2 text-sm font-medium text-white hover:bg-accent-700 disabled:opacity-60"
      >
        {pending ? "Testing…" : "Test and add account"}
      </button>
    </form>
  );
}
