"use client";

import { type FormEvent, startTransition, useActionState, useState } from "react";
import { signIn } from "@/app/login/actions";
import {
  type ProviderDefaults,
  type ServerSettings,
  suggestedSettings,
} from "@/lib/server/accounts/server-settings";
import { CertificateChoice } from "./certificate-choice.tsx";
import type { LoginState } from "./login-types.ts";
import { ServerFields } from "./server-fields.tsx";

interface Props {
  defaults: ProviderDefaults;
  prefill?: { email?: string; password?: string };
}

const inputClass =
  "w-full rounded-md border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900";

export function LoginForm({ defaults, prefill }: Props) {
  const [state, action, pending] = useActionState<LoginState, FormData>(signIn, {});
  const [email, setEmail] = useState(state.values?.email ?? prefill?.email ?? "");
  const [custom, setCustom] = useState<ServerSettings | null>(null);
  const settings = custom ?? suggestedSettings(email, defaults);
  const error = state.error;

  // Submitting through onSubmit (not the form's action prop) keeps React from resetting the
  // form afterwards: a failed sign-in must leave every field as the person set it.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(event.currentTarget, submitter);
    startTransition(() => action(data));
  };

  return (
    <form
      onSubmit={submit}
      className="space-y-4"
      aria-describedby={error ? "login-error" : undefined}
    >
      <label className="block text-sm font-medium">
        Email address
        <input
          name="email"
          type="email"
          required
          autoComplete="username"
          className={inputClass}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={Boolean(state.fieldErrors?.email)}
        />
      </label>
      {state.fieldErrors?.email && (
        <p className="text-sm text-red-700 dark:text-red-400">{state.fieldErrors.email}</p>
      )}
      <label className="block text-sm font-medium">
        Password
        <input
          name="password"
          type="password"
          required
          autoComplete="current-password"
          className={inputClass}
          defaultValue={prefill?.password}
        />
      </label>

      <details
        className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800"
        open={custom !== null}
        onToggle={(e) => {
          if ((e.currentTarget as HTMLDetailsElement).open && custom === null) setCustom(settings);
        }}
      >
        <summary className="cursor-pointer text-sm font-medium">Server settings</summary>
        <div className="mt-3 space-y-4">
          <input type="hidden" name="advanced" value={custom ? "1" : ""} />
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
      </details>

      <div aria-live="polite">
        {error && (
          <div
            id="login-error"
            role="alert"
            aria-label="Sign-in problem"
            className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
          >
            <p>{error.message}</p>
            {error.serverSaid && (
              <p className="mt-1 font-mono text-xs opacity-80">Server said: {error.serverSaid}</p>
            )}
            {error.certificate && error.code === "TLS_FAILURE" && (
              <CertificateChoice certificate={error.certificate} disabled={pending} />
            )}
          </div>
        )}
      </div>

      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-accent-600 px-4 py-2 font-medium text-white hover:bg-accent-700 disabled:opacity-60"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
