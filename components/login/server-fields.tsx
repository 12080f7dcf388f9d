"use client";

import type { ServerSettings } from "@/lib/server/accounts/server-settings";

const inputClass =
  "w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900";

interface Props {
  kind: "incoming" | "smtp";
  settings: ServerSettings;
  onChange: (patch: Partial<ServerSettings>) => void;
  errors?: Partial<Record<string, string>>;
}

/** Host, port, security and user name of one server, named for screen readers. */
export function ServerFields({ kind, settings, onChange, errors }: Props) {
  const label = kind === "incoming" ? settings.incomingProtocol.toUpperCase() : "SMTP";
  const host = kind === "incoming" ? "incomingHost" : "smtpHost";
  const port = kind === "incoming" ? "incomingPort" : "smtpPort";
  const security = kind === "incoming" ? "incomingSecurity" : "smtpSecurity";
  const username = kind === "incoming" ? "incomingUsername" : "smtpUsername";
  return (
    <fieldset className="grid grid-cols-6 gap-2">
      <legend className="col-span-6 mb-1 text-sm font-medium">
        {kind === "incoming" ? "Incoming mail" : "Outgoing mail (SMTP)"}
      </legend>
      {kind === "incoming" && (
        <label className="col-span-6 text-sm">
          Protocol
          <select
            name="incomingProtocol"
            className={inputClass}
            value={settings.incomingProtocol}
            onChange={(e) =>
              onChange({ incomingProtocol: e.target.value as ServerSettings["incomingProtocol"] })
            }
          >
            <option value="imap">IMAP</option>
            <option value="pop3">POP3</option>
          </select>
        </label>
      )}
      <label className="col-span-4 text-sm">
        {label} server
        <input
          name={host}
          className={inputClass}
          value={settings[host]}
          onChange={(e) => onChange({ [host]: e.target.value })}
          aria-invalid={Boolean(errors?.[host])}
          autoComplete="off"
          spellCheck={false}
        />
      </label>
      <label className="col-span-2 text-sm">
        {label} port
        <input
          name={port}
          className={inputClass}
          inputMode="numeric"
          value={String(settings[port])}
          onChange={(e) => onChange({ [port]: Number(e.target.value) || 0 })}
          aria-invalid={Boolean(errors?.[port])}
        />
      </label>
      <label className="col-span-3 text-sm">
        {label} security
        <select
          name={security}
          className={inputClass}
          value={settings[security]}
          onChange={(e) => onChange({ [security]: e.target.value })}
        >
          <option value="tls">TLS</option>
          <option value="starttls">STARTTLS</option>
          <option value="none">None (unencrypted)</option>
        </select>
      </label>
      <label className="col-span-3 text-sm">
        {label} user name
        <input
          name={username}
          className={inputClass}
          value={settings[username]}
          onChange={(e) => onChange({ [username]: e.target.value })}
          autoComplete="off"
          spellCheck={false}
        />
      </label>
      {[host, port, username].map((name) =>
        errors?.[name] ? (
          <p key={name} className="col-span-6 text-sm text-red-700 dark:text-red-400">
            {errors[name]}
          </p>
        ) : null,
      )}
    </fieldset>
  );
}
