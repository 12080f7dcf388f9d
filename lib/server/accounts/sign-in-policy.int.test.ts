/**
 * The sign-in form against the local mail stack, which listens on 127.0.0.1: refused without
 * the operator's exceptions (a loopback address), accepted with either of them, refused for a
 * name that resolves there (the check runs after DNS), and braked after ten failures. Next's
 * request, cookies and redirect are stand-ins; the action, the policy, the connection layer and
 * the servers are real.
 */
import { X509Certificate } from "node:crypto";
import fs from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { signIn } from "../../../app/login/actions.ts";
import type { Db } from "../../db/client.ts";
import { openTempSqlite, type TempSqlite } from "../../db/testing/temp-sqlite.ts";
import { mailstack, stackUser } from "../../dev/mailstack.ts";
import { forgetServerKey } from "../crypto/server-key.ts";
import { hostPolicy } from "./host-policy.ts";
import type { ServerSettings } from "./server-settings.ts";
import { checkAccountSettings, verifyIncoming } from "./verify-account-settings.ts";

const next = vi.hoisted(() => ({
  requestHeaders: new Headers(),
  cookies: new Map<string, string>(),
}));

vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => ({
  headers: async () => next.requestHeaders,
  cookies: async () => ({
    get: (name: string) =>
      next.cookies.has(name) ? { name, value: next.cookies.get(name) } : undefined,
    set: (name: string, value: string) => next.cookies.set(name, value),
    delete: (name: string) => next.cookies.delete(name),
  }),
}));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw Object.assign(new Error(`redirect to ${url}`), { redirectedTo: url });
  },
}));

const POLICY_ENV = [
  "LETTERBOX_IMAP_HOST",
  "LETTERBOX_IMAP_PORT",
  "LETTERBOX_IMAP_SECURITY",
  "LETTERBOX_POP3_HOST",
  "LETTERBOX_SMTP_HOST",
  "LETTERBOX_SMTP_PORT",
  "LETTERBOX_SMTP_SECURITY",
  "LETTERBOX_INCOMING_PROTOCOL",
  "LETTERBOX_ALLOW_PRIVATE_HOSTS",
  "LETTERBOX_TRUST_PROXY",
];
let temp: TempSqlite;
let _db: Db;
let fingerprint: string;

beforeAll(async () => {
  delete process.env.LETTERBOX_SECRET;
  forgetServerKey();
  temp = await openTempSqlite("lbx-policy");
  _db = temp.db;
  // The stack's self-signed certificate, trusted by its fingerprint as a person would.
  fingerprint = new X509Certificate(fs.readFileSync(mailstack.certFile)).fingerprint256;
});
afterEach(() => {
  for (const name of POLICY_ENV) delete process.env[name];
  next.cookies.clear();
});
afterAll(async () => {
  await temp.remove();
});

function from(address: string): void {
  next.requestHeaders = new Headers({ "x-forwarded-for": address });
}

/** The sign-in form with "Server settings" opened on the stack's IMAP server. */
function advancedForm(user: string, password: string, host = mailstack.host): FormData {
  const form = new FormData();
  const fields: Record<string, string> = {
    email: user,
    password,
    trustFingerprint: fingerprint,
    advanced: "1",
    incomingProtocol: "imap",
    incomingHost: host,
    incomingPort: String(mailstack.ports.imap),
    incomingSecurity: "starttls",
    incomingUsername: user,
    smtpHost: host,
    smtpPort: String(mailstack.ports.submission),
    smtpSecurity: "starttls",
    smtpUsername: user,
  };
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return form;
}

async function outcome(form: FormData) {
  try {
    return await signIn({}, form);
  } catch (error) {
    const redirectedTo = (error as { redirectedTo?: string }).redirectedTo;
    if (!redirectedTo) throw error;
    return { redirectedTo };
  }
}

describe("sign-in host policy", () => {
  const alice = stackUser("alice");

  it("refuses 127.0.0.1 when the operator allowed neither it nor private hosts", async () => {
    from("198.51.100.1");
    const result = await outcome(advancedForm(alice.login, alice.password));
    expect(result).toMatchObject({
      error: {
        code: "ADDRESS_REFUSED",
        message: expect.stringContaining(
          "not allowed to connect to 127.0.0.1 (a loopback address). If your mail server is on your own network, the person who runs this Letterbox can allow it with LETTERBOX_ALLOW_PRIVATE_HOSTS=1.",
        ),
      },
    });
    expect(next.cookies.size).toBe(0);
  });

  it("accepts it with LETTERBOX_ALLOW_PRIVATE_HOSTS=1", async () => {
    from("198.51.100.1");
    process.env.LETTERBOX_ALLOW_PRIVATE_HOSTS = "1";
    expect(await outcome(advancedForm(alice.login, alice.password))).toEqual({
      redirectedTo: "/mail",
    });
    expect(next.cookies.get("lbx_session")).toBeTruthy();
  });

  it("accepts the operator's configured server, suggested or typed", async () => {
    from("198.51.100.1");
    process.env.LETTERBOX_IMAP_HOST = mailstack.host;
    process.env.LETTERBOX_IMAP_PORT = String(mailstack.ports.imap);
    process.env.LETTERBOX_IMAP_SECURITY = "starttls";
    const suggested = advancedForm(alice.login, alice.password);
    suggested.delete("advanced");
    expect(await outcome(suggested)).toEqual({ redirectedTo: "/mail" });
    expect(await outcome(advancedForm(alice.login, alice.password))).toEqual({
      redirectedTo: "/mail",
    });
  });

  it("refuses a name that resolves to loopback, even next to a configured 127.0.0.1", async () => {
    from("198.51.100.1");
    process.env.LETTERBOX_IMAP_HOST = mailstack.host;
    const result = await outcome(advancedForm(alice.login, alice.password, "localhost"));
    expect(result).toMatchObject({
      error: {
        code: "ADDRESS_REFUSED",
        message: expect.stringContaining("connect to localhost (a loopback address)"),
      },
    });
  });
});

describe("sign-in rate limit", () => {
  const carol = stackUser("carol");
  const dave = stackUser("dave");

  it("refuses the eleventh attempt from an address without contacting the server", async () => {
    from("198.51.100.20");
    // Ten failures (refused by the policy: no server is involved, and no auth delay).
    for (let i = 0; i < 10; i++) {
      const result = await outcome(advancedForm(`guess${i}@example.test`, "x"));
      expect(result).toMatchObject({ error: { code: "ADDRESS_REFUSED" } });
    }
    // Now even the right password, to a server that is allowed, is not tried.
    process.env.LETTERBOX_ALLOW_PRIVATE_HOSTS = "1";
    expect(await outcome(advancedForm(carol.login, carol.password))).toMatchObject({
      error: {
        code: "RATE_LIMITED",
        message: "Too many sign-in attempts. Try again in 15 minutes.",
      },
    });
    // Another address is not held back.
    from("198.51.100.21");
    expect(await outcome(advancedForm(carol.login, carol.password))).toEqual({
      redirectedTo: "/mail",
    });
  });

  it("refuses a user name after ten failures, whatever address they come from", async () => {
    for (let i = 0; i < 10; i++) {
      from(`198.51.100.${100 + i}`);
      const result = await outcome(advancedForm(dave.login, "wrong"));
      expect(result).toMatchObject({ error: { code: "ADDRESS_REFUSED" } });
    }
    process.env.LETTERBOX_ALLOW_PRIVATE_HOSTS = "1";
    from("198.51.100.200");
    expect(await outcome(advancedForm(dave.login, dave.password))).toMatchObject({
      error: { code: "RATE_LIMITED" },
    });
  });
});

describe("account checks under the policy", () => {
  const bob = stackUser("bob");
  const settings = (protocol: "imap" | "pop3"): ServerSettings => ({
    incomingProtocol: protocol,
    incomingHost: mailstack.host,
    incomingPort: protocol === "imap" ? mailstack.ports.imap : mailstack.ports.pop3,
    incomingSecurity: "starttls",
    incomingUsername: bob.login,
    smtpHost: mailstack.host,
    smtpPort: mailstack.ports.submission,
    smtpSecurity: "starttls",
    smtpUsername: bob.login,
  });

  it("POP3 is refused at 127.0.0.1 and allowed with private hosts", async () => {
    await expect(
      verifyIncoming(settings("pop3"), bob.password, fingerprint, hostPolicy({})),
    ).rejects.toMatchObject({ code: "ADDRESS_REFUSED", details: { address: "127.0.0.1" } });
    await expect(
      verifyIncoming(
        settings("pop3"),
        bob.password,
        fingerprint,
        hostPolicy({ LETTERBOX_ALLOW_PRIVATE_HOSTS: "1" }),
      ),
    ).resolves.toBeUndefined();
  });

  it("Test and save refuses both servers, then passes both with private hosts", async () => {
    const refused = await checkAccountSettings(
      settings("imap"),
      bob.password,
      fingerprint,
      hostPolicy({}),
    );
    expect(refused.incoming).toMatchObject({ ok: false, error: { code: "ADDRESS_REFUSED" } });
    expect(refused.smtp).toMatchObject({ ok: false, error: { code: "ADDRESS_REFUSED" } });
    const allowed = await checkAccountSettings(
      settings("imap"),
      bob.password,
      fingerprint,
      hostPolicy({ LETTERBOX_ALLOW_PRIVATE_HOSTS: "1" }),
    );
    expect(allowed).toEqual({ incoming: { ok: true }, smtp: { ok: true } });
  });
});
